# pattern: Kubernetes controller: make in an emulated golang stage
# expect: 6 emulated-compile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN make build
FROM gcr.io/distroless/static
COPY --from=build /src/bin/manager /manager
ENTRYPOINT ["/manager"]

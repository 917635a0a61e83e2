# pattern: Controller: a global `ARG TARGETARCH=amd64`, declared again in the stage without a value; the global default still wins over BuildKit's value (#21 class 3; checked on dockerd 26)
# expect: 9 build-arch-binary
ARG TARGETARCH=amd64
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/ctl .
FROM gcr.io/distroless/static
COPY --from=build /out/ctl /ctl
ENTRYPOINT ["/ctl"]

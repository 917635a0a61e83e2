# pattern: CLI tool: ARG GOARCH=$TARGETARCH then go build
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETARCH
ARG GOARCH=$TARGETARCH
ARG GOOS=linux
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$GOARCH GOOS=$GOOS go build -o /out/tool .
FROM scratch
COPY --from=build /out/tool /tool
ENTRYPOINT ["/tool"]

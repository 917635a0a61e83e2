# pattern: A cgo plugin built on $BUILDPLATFORM with the tonistiigi/xx:golang image copied over the stage (COPY --from=tonistiigi/xx:golang / /): its `go` is xx's wrapper, which sets GOOS/GOARCH from TARGETPLATFORM, so a plain `go build` is a cross-compile: no finding (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS plugin
ENV CGO_ENABLED=1
ARG TARGETPLATFORM
COPY --from=tonistiigi/xx:golang / /
RUN case "$TARGETPLATFORM" in linux/arm64) apt-get update && apt-get install -y gcc-aarch64-linux-gnu ;; esac
WORKDIR /src
COPY . .
RUN go build -buildmode=c-shared -o auth-plugin.so ./plugin

FROM debian:bookworm-slim
COPY --from=plugin /src/auth-plugin.so /usr/lib/broker/auth-plugin.so

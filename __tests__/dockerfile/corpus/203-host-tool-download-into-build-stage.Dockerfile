# pattern: An amd64 release of a packer (upx) fetched in a $BUILDPLATFORM stage and copied only into another $BUILDPLATFORM stage that runs it over a cross-compiled binary: the build machine's tool is the right one, and only the packed binary reaches the image: no finding (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM alpine:3.20 AS upx
ARG UPX_VERSION=4.2.4
RUN apk add --no-cache curl && mkdir /tmp/upx && \
    curl -fsSL https://github.com/upx/upx/releases/download/v${UPX_VERSION}/upx-${UPX_VERSION}-amd64_linux.tar.xz | tar xJ --strip 1 -C /tmp/upx && \
    cp /tmp/upx/upx /usr/bin/upx

FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS tool
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/hash-tool ./cmd/hash-tool
COPY --from=upx /usr/bin/upx /usr/bin/upx
RUN upx /out/hash-tool

FROM alpine:3.20
COPY --from=tool /out/hash-tool /usr/local/bin/hash-tool

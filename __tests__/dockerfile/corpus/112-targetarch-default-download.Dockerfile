# pattern: CSI driver: a $BUILDPLATFORM stage with `ARG TARGETARCH=amd64` downloads a release tool by $TARGETARCH and the image copies it: every platform gets the amd64 tool (#21 class 3, beyond go build)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM debian:bookworm-slim AS fetch
ARG TARGETARCH=amd64
RUN apt-get update && apt-get install -y curl \
    && curl -fsSL "https://example.invalid/tool_linux_${TARGETARCH}.tar.gz" | tar -xz -C /usr/local/bin tool
FROM debian:bookworm-slim
COPY --from=fetch /usr/local/bin/tool /usr/local/bin/tool
ENTRYPOINT ["/usr/local/bin/tool"]

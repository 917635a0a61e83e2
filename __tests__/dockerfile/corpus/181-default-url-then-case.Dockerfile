# pattern: A vector-search CLI downloads onnxruntime: the URL of the x64 build is set first and a `case "$OS_ARCH" in arm*|aarch64)` replaces it with the aarch64 one, so each platform fetches its own (the default is one of the choice's branches, not a fixed pick) (#21, the twelfth set, after an upstream fix)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM debian:12
ARG TARGETARCH
ENV OS_ARCH="${TARGETARCH:-amd64}"
RUN apt-get update && apt-get install -y wget && apt-get clean
RUN cd /tmp && \
    ONNX_VERSION="1.16.1" && \
    PACKAGE_URL="https://example.invalid/onnxruntime/releases/download/v${ONNX_VERSION}/onnxruntime-linux-x64-${ONNX_VERSION}.tgz" && \
    case "$OS_ARCH" in \
        arm*|aarch64) \
            PACKAGE_URL="https://example.invalid/onnxruntime/releases/download/v${ONNX_VERSION}/onnxruntime-linux-aarch64-${ONNX_VERSION}.tgz"; \
    esac && \
    wget -q "$PACKAGE_URL" -O onnx.tgz && mkdir -p /usr/local/lib/onnx && tar xzf onnx.tgz -C /usr/local/lib/onnx --strip-components=1
CMD ["bash"]

# pattern: A vector-search CLI sets the x64 onnxruntime URL, then replaces it `if [[ $OS_ARCH == *"arm"* ]]`; the RUN runs under Debian's /bin/sh (dash), which has no `[[`, so the test fails, the branch never runs, and the arm64 image gets the x64 library. The same RUN on Alpine (busybox ash knows `[[`) or after SHELL ["/bin/bash", "-c"] picks right (#21, the twelfth set, before an upstream fix)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM debian:12 AS deb
ARG TARGETARCH
ENV OS_ARCH="${TARGETARCH:-amd64}"
RUN apt-get update && apt-get install -y wget && apt-get clean
RUN cd /tmp && \
    PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-x64-1.16.1.tgz" && \
    if [[ $OS_ARCH == *"arm"* ]]; then PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-aarch64-1.16.1.tgz"; fi && \
    mkdir -p /usr/local/lib && cd /usr/local/lib && wget -qq $PACKAGE_URL && tar xzf ./onnx*.tgz

FROM alpine:3.20 AS alp
ARG TARGETARCH
ENV OS_ARCH="${TARGETARCH:-amd64}"
RUN PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-x64-1.16.1.tgz" && \
    if [[ $OS_ARCH == *"arm"* ]]; then PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-aarch64-1.16.1.tgz"; fi && \
    mkdir -p /usr/local/lib && cd /usr/local/lib && wget -qq $PACKAGE_URL && tar xzf ./onnx*.tgz

FROM debian:12
SHELL ["/bin/bash", "-c"]
ARG TARGETARCH
ENV OS_ARCH="${TARGETARCH:-amd64}"
RUN PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-x64-1.16.1.tgz" && \
    if [[ $OS_ARCH == *"arm"* ]]; then PACKAGE_URL="https://example.invalid/onnxruntime/v1.16.1/onnxruntime-linux-aarch64-1.16.1.tgz"; fi && \
    mkdir -p /opt && cd /opt && wget -qq $PACKAGE_URL && tar xzf ./onnx*.tgz
COPY --from=deb /usr/local/lib /usr/local/lib
COPY --from=alp /usr/local/lib /usr/local/lib-alpine
CMD ["bash"]

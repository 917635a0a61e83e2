# pattern: The same, with ARCH derived from the platform: each image gets its own base and binary (correct)
# platforms: linux/amd64,linux/arm64
# expect: none
ARG TARGETARCH
FROM quay.io/example/busybox-linux-${TARGETARCH}:latest
ARG TARGETARCH
ARG ARCH=${TARGETARCH}
COPY .build/linux-${ARCH}/server /bin/server
ENTRYPOINT ["/bin/server"]

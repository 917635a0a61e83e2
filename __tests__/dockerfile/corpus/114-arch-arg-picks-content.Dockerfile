# pattern: Monitoring server (release tooling builds binaries outside docker): a project `ARG ARCH="amd64"` picks the base image and the prebuilt binary; built for several platforms at once, every image gets the amd64 ones
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary, 8 build-arch-binary
ARG ARCH="amd64"
ARG OS="linux"
FROM quay.io/example/busybox-${OS}-${ARCH}:latest
ARG ARCH="amd64"
COPY .build/linux-${ARCH}/server /bin/server
COPY LICENSE /LICENSE
ENTRYPOINT ["/bin/server"]

# pattern: Relay server on an init system: `ARG INIT_ARCH=x86_64` names the init's release tarball in an ADD, and a RUN unpacks that same file by name; the ADD picks the content and is the finding, the RUN is not a second one (#21 false alarm)
# platforms: linux/amd64,linux/arm64
# expect: 7 build-arch-binary
FROM busybox:stable
ARG INIT_VERSION=3.2.0.0
ARG INIT_ARCH=x86_64
ADD https://example.invalid/init/v${INIT_VERSION}/init-${INIT_ARCH}.tar.xz /tmp
RUN tar -C / -Jxpf /tmp/init-${INIT_ARCH}.tar.xz && rm /tmp/init-*.tar.xz
ENTRYPOINT ["/init"]

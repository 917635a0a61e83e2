# pattern: A helper stage built for each platform downloads a CLI release and picks its asset name in a branch on $TARGETPLATFORM, but the arm64 branch names the 32-bit `arm` asset; two RUNs use the same mapping (one cause, reported once, at the last); a second stage maps every branch to its own arch (x64, armv7l, aarch64 are vendors' names) and is fine (#21, a held-out file studied)
# platforms: linux/amd64,linux/arm64
# expect: 12 build-arch-binary
FROM alpine:3.19 AS fetch
ARG TARGETPLATFORM
ARG CLI_VERSION=1.4.0
RUN if [ "$TARGETPLATFORM" = "linux/arm64" ]; then ASSET=arm; else ASSET=amd64; fi \
    && wget -q "https://example.invalid/cli/v${CLI_VERSION}/cli-linux-${ASSET}.tar.gz" -O /tmp/cli.tgz
RUN mkdir -p /out
WORKDIR /out
RUN tar -xzf /tmp/cli.tgz -C /tmp
RUN if [ "$TARGETPLATFORM" = "linux/arm64" ]; then ASSET=arm; else ASSET=amd64; fi \
    && mv /tmp/cli-linux-${ASSET}/cli /out/cli

FROM alpine:3.19 AS node
ARG TARGETARCH
RUN case "${TARGETARCH}" in \
      amd64) NODE_ARCH=x64 ;; \
      arm64) NODE_ARCH=arm64 ;; \
      arm) NODE_ARCH=armv7l ;; \
    esac \
    && wget -q "https://example.invalid/node-v20-linux-${NODE_ARCH}.tar.xz" -O /tmp/node.txz \
    && mkdir /node && tar -xJf /tmp/node.txz -C /node --strip-components=1

FROM alpine:3.19
COPY --from=fetch /out/cli /usr/local/bin/cli
COPY --from=node /node /usr/local
ENTRYPOINT ["cli"]

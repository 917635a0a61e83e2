# pattern: Analytics server image from release tarballs: a downloader stage picks the URL with `[ "$TARGETPLATFORM" = linux/arm64 ]` but never declares ARG TARGETPLATFORM, so the test is always false and every image gets the amd64 tarball; a later stage that declares it and one that falls back with ${TARGETARCH:-…} are fine (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM debian:12-slim AS downloader
ARG URL_AMD64=https://example.invalid/app-x86_64-unknown-linux-musl.tar.gz
ARG URL_ARM64=https://example.invalid/app-aarch64-unknown-linux-musl.tar.gz
RUN apt-get update && apt-get install -y curl
RUN URL=$(if [ "${TARGETPLATFORM}" = "linux/arm64" ]; then echo ${URL_ARM64}; else echo ${URL_AMD64}; fi) \
    && curl -fsSL "$URL" | tar -xz -C /usr/local/bin app
FROM debian:12-slim AS helper
ARG TARGETPLATFORM
RUN case "$TARGETPLATFORM" in linux/arm64) A=arm64 ;; *) A=amd64 ;; esac \
    && curl -fsSL "https://example.invalid/helper-$A" -o /usr/local/bin/helper
RUN A="${TARGETARCH:-$(dpkg --print-architecture)}" && curl -fsSL "https://example.invalid/probe-$A" -o /usr/local/bin/probe
FROM scratch
COPY --from=downloader /usr/local/bin/app /app
COPY --from=helper /usr/local/bin/helper /usr/local/bin/probe /
ENTRYPOINT ["/app"]

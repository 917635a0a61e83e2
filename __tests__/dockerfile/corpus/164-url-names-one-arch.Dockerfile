# pattern: A runtime image built for each platform fetches an init binary whose URL ends in the vendor's `_x86_64` (no `linux` word next to it): the arm64 image runs an amd64 init; a second download picks by `$(uname -m)`, which under emulation is the target's, and a third names the arch only through a choice (#21, a held-out file studied)
# platforms: linux/amd64,linux/arm64
# expect: 5 build-arch-binary
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates wget python3 \
    && wget -O /usr/local/bin/dumb-init https://example.invalid/dumb-init/releases/download/v1.2.5/dumb-init_1.2.5_x86_64 \
    && chmod +x /usr/local/bin/dumb-init && rm -rf /var/lib/apt/lists/*
RUN wget -O /usr/local/bin/yq "https://example.invalid/yq/releases/latest/download/yq_$(uname -m)" && chmod +x /usr/local/bin/yq
ARG TARGETARCH
RUN case "$TARGETARCH" in arm64) A=aarch64 ;; *) A=x86_64 ;; esac \
    && wget -O /usr/local/bin/tini "https://example.invalid/tini/releases/download/v0.19.0/tini-static-${A}" \
    && chmod +x /usr/local/bin/tini
ENTRYPOINT ["/usr/local/bin/dumb-init", "--"]
CMD ["python3", "-m", "http.server"]

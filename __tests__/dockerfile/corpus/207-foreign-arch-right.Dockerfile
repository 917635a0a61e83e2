# pattern: Multiarch installs that are right: i386 libraries and a 32-bit program on the amd64 image (the CPU runs them; wine and game servers do this), packages of the platform's own architecture by $(dpkg --print-architecture), and a branch that only arm takes (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM debian:bookworm-slim
ARG TARGETARCH
RUN if [ "$TARGETARCH" = "amd64" ]; then \
      dpkg --add-architecture i386 && apt-get update && apt-get install -y wine32:i386 libc6:i386; \
    fi
RUN arch=$(dpkg --print-architecture) && \
    if [ "$arch" = "armhf" ]; then apt-get install -y feeder:armhf; else apt-get install -y "feeder:$arch"; fi
ENTRYPOINT ["/usr/bin/feeder"]

# pattern: A chain that names amd64 and 386 and leaves every other platform to its else, which downloads the armhf package: the arm64 image gets the 32-bit build although the vendor ships arm64 (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 7 build-arch-binary
FROM debian:bookworm-slim
ARG TARGETPLATFORM
WORKDIR /tmp/pkg
RUN if [ "$TARGETPLATFORM" = "linux/amd64" ]; then \
      curl -fsSLO "https://example.invalid/feeder_amd64.deb"; \
    elif [ "$TARGETPLATFORM" = "linux/386" ]; then \
      curl -fsSLO "https://example.invalid/feeder_i386.deb"; \
    else \
      apt-get update && apt-get download feeder:armhf; \
    fi && \
    dpkg-deb -x ./*.deb /opt/feeder
ENTRYPOINT ["/opt/feeder/usr/bin/feeder"]

# pattern: A feeder image whose vendor publishes its program for 32-bit ARM only: every platform but arm installs the armhf package (a Debian multiarch install, run through qemu kept in the image), so the amd64 image holds arm code (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 9 build-arch-binary
FROM debian:bookworm-slim
ARG TARGETARCH
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
COPY vendor.list /etc/apt/sources.list.d/vendor.list
# the libraries it needs come in the same way; a library alone is no finding
RUN if [ "${TARGETARCH:0:3}" != "arm" ]; then \
      dpkg --add-architecture armhf; PKGS=(skyfeed:armhf libc6:armhf qemu-user-static); \
    else \
      PKGS=(skyfeed); \
    fi && \
    apt-get update && apt-get install -y --no-install-recommends "${PKGS[@]}"
RUN apt-get install -y --no-install-recommends libusb-1.0-0:armhf
ENTRYPOINT ["/usr/bin/skyfeed"]

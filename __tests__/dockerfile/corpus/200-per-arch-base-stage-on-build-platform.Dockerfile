# pattern: An emulator image whose base is picked per platform by name (FROM os-base-${TARGETARCH}): os-base-amd64 is FROM --platform=${BUILDPLATFORM} ubuntu and os-base-arm64 is built FROM os-base-amd64 with amd64 compatibility libraries, so the arm64 image holds the build machine's userland; the amd64 image is right (#21, the seventeenth set)
# platforms: linux/amd64,linux/arm64
# expect: 4 build-arch-binary
FROM --platform=${BUILDPLATFORM} ubuntu:22.04 AS os-base-amd64
RUN apt-get update && apt-get install -y --no-install-recommends python3.10 python3.10-venv && rm -rf /var/lib/apt/lists/*

FROM os-base-amd64 AS os-base-arm64
RUN apt-get update && apt-get install -y libc6-amd64-cross zlib1g
RUN ln -s /usr/x86_64-linux-gnu/lib64/ /lib64

FROM os-base-${TARGETARCH} AS emulator
RUN python3.10 -m venv /opt/venv
COPY . /opt/emulator
CMD ["/opt/venv/bin/python", "-m", "emulator"]

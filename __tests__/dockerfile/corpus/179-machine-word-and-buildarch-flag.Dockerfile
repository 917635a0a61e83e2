# pattern: A course toolchain image picks its JDK by `[ $(uname -m) = "arm64" ]`, but Linux calls that machine aarch64, so the arm64 image takes the else and gets the x64 JDK; the project's first fix tested `$BUILDARCH` instead (the build machine's: still x64 under emulation on an amd64 builder). A later RUN chooses only an assembler flag by BUILDARCH, which fetches nothing (#21, the twelfth set: before and after an upstream JDK fix)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary, 11 build-arch-binary
FROM ubuntu:22.04 AS builder
ARG BUILDARCH
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
WORKDIR /tmp
RUN if [ $(uname -m) = "arm64" ]; then ARCH="aarch64"; else ARCH="x64"; fi && \
    curl -fsSLO "https://example.invalid/java/GA/jdk21/openjdk-21_linux-${ARCH}_bin.tar.gz" && \
    tar xzf "openjdk-21_linux-${ARCH}_bin.tar.gz" && mv jdk-21 /opt/jdk
RUN if [ "$BUILDARCH" = "arm64" ]; then JARCH="aarch64"; else JARCH="x64"; fi && \
    curl -fsSLO "https://example.invalid/java/GA/jdk22/openjdk-22_linux-${JARCH}_bin.tar.gz" && \
    tar xzf "openjdk-22_linux-${JARCH}_bin.tar.gz" && mv jdk-22 /opt/jdk22
RUN if [ "$BUILDARCH" = "arm64" ]; then ASFLAGS=-mbranch-protection=pac-ret; else ASFLAGS=; fi && \
    echo "ASFLAGS=${ASFLAGS}" > /opt/asflags

FROM ubuntu:22.04
COPY --from=builder /opt /opt
ENV PATH=/opt/jdk/bin:$PATH

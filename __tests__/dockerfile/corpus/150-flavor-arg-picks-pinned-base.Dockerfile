# pattern: Inference server with GPU runtimes: per-arch base stages pinned with --platform, picked through a global ARG whose default names the platform ARG (`ARG FLAVOR=${TARGETARCH}`, then `FROM ${FLAVOR}` and `FROM base-${TARGETARCH}`): the arm64 stages compile under QEMU (#21 misses in a blind set: the stages were never reached)
# platforms: linux/amd64,linux/arm64
# expect: 11 emulated-compile
ARG FLAVOR=${TARGETARCH}
FROM --platform=linux/amd64 almalinux:8 AS base-amd64
RUN dnf install -y gcc-toolset-12 cmake
FROM --platform=linux/arm64 almalinux:8 AS base-arm64
RUN dnf install -y gcc-toolset-12 cmake
FROM base-${TARGETARCH} AS base
FROM base AS cpu
RUN cmake -S server -B build && cmake --build build -- -j
FROM --platform=linux/amd64 scratch AS amd64
COPY --from=cpu /build/lib /lib/app/
FROM --platform=linux/arm64 scratch AS arm64
COPY --from=cpu /build/lib /lib/app/
FROM ${FLAVOR} AS libs
FROM ubuntu:24.04
COPY --from=libs /lib/app /usr/lib/app

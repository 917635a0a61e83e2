# pattern: Proxy built with a task runner: `ARG TARGETARCH="amd64"` in a $BUILDPLATFORM stage is read by two RUNs (one picks cross binutils, a later one in the stage built FROM it builds `arch=$TARGETARCH`); one cause, reported once at the RUN nearest the image, not at every RUN (#21 false alarm: one finding per cause)
# platforms: linux/amd64,linux/arm64
# expect: 13 build-arch-binary
FROM --platform=$BUILDPLATFORM debian:bookworm AS fetch
ARG TARGETARCH="amd64"
RUN apt-get update && case "$TARGETARCH" in \
      arm64) apt-get install -y binutils-aarch64-linux-gnu ;; \
      *) true ;; \
    esac
WORKDIR /src
COPY . .
FROM fetch AS build
RUN task build arch="$TARGETARCH" && mkdir -p /out && cp dist/proxy /out/
FROM debian:bookworm-slim
COPY --from=build /out/proxy /usr/lib/proxy/proxy

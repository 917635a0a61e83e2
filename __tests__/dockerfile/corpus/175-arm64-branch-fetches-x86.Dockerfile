# pattern: A media server's base image picks FFmpeg in `if [ "$TARGETARCH" = "arm64" ]` but both branches fetch the `linux64` (x86-64) build, and a downloader fetches `yt-dlp_linux` (the x86-64 PyInstaller asset; the others are `yt-dlp_linux_aarch64`, …) for every platform: the arm64 image gets amd64 programs twice (#21, wrong-arch fix commits in the eleventh set)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary, 13 build-arch-binary
FROM debian:bookworm-slim
ARG TARGETARCH
RUN apt-get update && apt-get install -y --no-install-recommends wget xz-utils ca-certificates && \
    if [ "$TARGETARCH" = "arm64" ]; then \
      wget -q https://example.invalid/FFmpeg-Builds/releases/download/latest/ffmpeg-n7.1-latest-linux64-gpl-7.1.tar.xz -O /tmp/ffmpeg.tar.xz; \
    else \
      wget -q https://example.invalid/FFmpeg-Builds/releases/download/latest/ffmpeg-n7.1-latest-linux64-gpl-7.1.tar.xz -O /tmp/ffmpeg.tar.xz; \
    fi && \
    tar -xJf /tmp/ffmpeg.tar.xz -C /tmp && cp /tmp/ffmpeg-*/bin/ffmpeg /usr/local/bin/
RUN wget -q https://example.invalid/yt-dlp/releases/latest/download/yt-dlp_linux -O /usr/local/bin/yt-dlp && \
    chmod a+rx /usr/local/bin/yt-dlp
CMD ["/usr/local/bin/yt-dlp", "--version"]

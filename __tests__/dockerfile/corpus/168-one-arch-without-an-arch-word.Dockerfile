# pattern: A media-downloader image built for each platform takes three files that are amd64 without an `amd64` in sight: tini's un-suffixed release asset (`…/tini`; the others are `tini-arm64`, …), an FFmpeg build named `linux64` (the x86-64 one), and a tool picked by a project variable not named ARCH (`ENV ARCH_VAR=x86-64`, then `tool-$ARCH_VAR`); a helper script branch that installs a distro package on arm64 and the linux64 driver only in its nested else is fine (#21, three wrong-arch fix commits in the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary, 7 build-arch-binary, 10 build-arch-binary
FROM debian:bookworm-slim
ENV TINI_VERSION=v0.19.0 ARCH_VAR=x86-64
ADD https://example.invalid/krallin/tini/releases/download/${TINI_VERSION}/tini /sbin/tini
RUN apt-get update && apt-get install -y --no-install-recommends curl xz-utils ca-certificates \
    && curl -fsSL https://example.invalid/ffmpeg/releases/download/latest/ffmpeg-n7.1-linux64-gpl.tar.xz | tar -xJ -C /tmp \
    && mv /tmp/ffmpeg-*/bin/ffmpeg /usr/local/bin/ffmpeg
RUN curl -fsSLo /usr/local/bin/airplay https://example.invalid/airconnect/bin/airplay-linux-$ARCH_VAR \
    && chmod +x /usr/local/bin/airplay
RUN if [ "$(dpkg --print-architecture)" = "arm64" ]; then \
      apt-get install -y chromium-driver; \
    else \
      if [ "${CHROME_RELEASE:-latest}" = "latest" ]; then echo "latest"; fi; \
      curl -fsSLo /tmp/d.zip https://example.invalid/chrome-for-testing/linux64/chromedriver-linux64.zip; \
    fi
ENTRYPOINT ["/sbin/tini", "--", "ffmpeg"]

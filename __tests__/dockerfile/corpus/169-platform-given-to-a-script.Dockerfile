# pattern: A Python app's helper stage runs `python fetch_ffmpeg.py $TARGETPLATFORM` without declaring ARG TARGETPLATFORM in that stage (the script gets an empty argument and falls back to its amd64 default), and the image downloads vendor builds named `linux-64bit` and `linux-x64` (both x86-64); the declared ARG given to the same kind of script in another stage, and `echo $TARGETPLATFORM`, are fine (#21, wrong-arch fix commits in the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary, 15 build-arch-binary, 16 build-arch-binary
FROM python:3.12-slim AS ffmpeg
COPY scripts/fetch_ffmpeg.py /fetch_ffmpeg.py
RUN python /fetch_ffmpeg.py $TARGETPLATFORM && echo "fetched for $TARGETPLATFORM"

FROM python:3.12-slim AS gifski
ARG TARGETPLATFORM
COPY scripts/fetch_gifski.py /fetch_gifski.py
RUN python /fetch_gifski.py "$TARGETPLATFORM"

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl xz-utils && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /usr/bin/kepubify https://example.invalid/kepubify/releases/download/v4.0.4/kepubify-linux-64bit && chmod +x /usr/bin/kepubify
RUN curl -fsSL https://example.invalid/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1
COPY --from=ffmpeg /usr/local/bin/ffmpeg /usr/local/bin/ffmpeg
COPY --from=gifski /usr/local/bin/gifski /usr/local/bin/gifski
CMD ["python", "-m", "app"]

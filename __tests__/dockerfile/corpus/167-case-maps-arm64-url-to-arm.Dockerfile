# pattern: A Python cron image picks a scheduler release in a `case "${TARGETPLATFORM}"` whose arm64 branch sets the URL, the file name and the checksum of the `-linux-arm` (32-bit) asset, the arm/v7 branch the arm64 one (swapped): one finding for the arm64 image, at the RUN; an `rm -f /usr/lib/x86_64-linux-gnu/…` cleanup names an arch but takes nothing in (#21, a wrong-arch fix commit in the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM python:3.12-alpine
ARG TARGETPLATFORM
ENV CRON_URL_BASE=https://example.invalid/cron/releases/download/v0.2.43/cron \
    CRON_BASE=cron
RUN case "${TARGETPLATFORM}" in \
      "linux/amd64") CRON_URL=$CRON_URL_BASE-linux-amd64 CRON=$CRON_BASE-linux-amd64 CRON_SHA1=1111 ;; \
      "linux/arm64") CRON_URL=$CRON_URL_BASE-linux-arm CRON=$CRON_BASE-linux-arm CRON_SHA1=2222 ;; \
      "linux/arm/v7") CRON_URL=$CRON_URL_BASE-linux-arm64 CRON=$CRON_BASE-linux-arm64 CRON_SHA1=3333 ;; \
      *) exit 1 ;; \
    esac; \
    apk add --no-cache curl tini \
    && curl -fsSLO "$CRON_URL" && echo "${CRON_SHA1}  ${CRON}" | sha1sum -c - \
    && chmod +x "$CRON" && mv "$CRON" /usr/local/bin/cron
RUN apk add --no-cache mesa-dri-gallium && rm -f /usr/lib/x86_64-linux-gnu/libmfxhw* /usr/lib/x86_64-linux-gnu/mfx/*
COPY app.py /app/app.py
ENTRYPOINT ["tini", "--", "cron"]

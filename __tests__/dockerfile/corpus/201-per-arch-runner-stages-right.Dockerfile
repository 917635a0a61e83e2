# pattern: A runtime picked per platform by name where each platform's stage runs on its own platform: runner-amd64 on the build platform (amd64, the same arch) and runner-arm64 from an ordinary base: no finding (#21, the seventeenth set; the counterpart of 200)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=${BUILDPLATFORM} debian:bookworm-slim AS runner-amd64
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM debian:bookworm-slim AS runner-arm64
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM runner-${TARGETARCH}
COPY app.sh /usr/local/bin/app.sh
ENTRYPOINT ["/usr/local/bin/app.sh"]

# pattern: Tracing backend with a debug image: binaries built outside per arch (`app-linux-amd64`, `app-linux-arm64`); the release stage declares `ARG TARGETARCH`, the debug stage `ARG TARGETARCH=amd64`, so the debug image for arm64 copies the amd64 binary; a third stage's `${TARGETARCH:+amd64/}` (a typo for `:-`) gives every platform the amd64 directory (#21 misses)
# platforms: linux/amd64,linux/arm64
# expect: 12 build-arch-binary, 17 build-arch-binary
FROM alpine:3.20 AS release
ARG TARGETARCH
COPY app-linux-$TARGETARCH /app/app
ENTRYPOINT ["/app/app"]

FROM alpine:3.20 AS debug
ARG TARGETARCH=amd64
RUN apk add --no-cache delve
COPY app-debug-linux-$TARGETARCH /app/app
ENTRYPOINT ["/usr/bin/dlv", "exec", "/app/app"]

FROM gcr.io/distroless/static-debian12 AS small
ARG TARGETARCH
COPY ./dist/${TARGETARCH:+amd64/}app /app
ENTRYPOINT ["/app"]

FROM debug
COPY --from=small /app /usr/local/bin/app-small

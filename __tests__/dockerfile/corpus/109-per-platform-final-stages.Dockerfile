# pattern: Daemon with a native-library dependency: per-platform final stages picked by `FROM runner-${TARGETARCH}`; amd64 is built on $BUILDPLATFORM, arm64 copies from an arm64 builder; correct for both (#21 class 6)
# platforms: linux/amd64,linux/arm64
# expect: 12 emulated-compile
FROM --platform=$BUILDPLATFORM golang:1.22 AS runner-amd64
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /usr/local/bin/daemon ./cmd/daemon
ENTRYPOINT ["/usr/local/bin/daemon"]
FROM golang:1.22 AS build-arm64
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/daemon ./cmd/daemon
FROM debian:bookworm-slim AS runner-arm64
COPY --from=build-arm64 /out/daemon /usr/local/bin/daemon
ENTRYPOINT ["/usr/local/bin/daemon"]
FROM runner-${TARGETARCH}

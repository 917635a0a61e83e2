# pattern: Telemetry service: a $BUILDPLATFORM stage branches on $TARGETARCH: `cargo build --target aarch64-unknown-linux-gnu` with a cross linker for arm64, a plain `cargo build` otherwise; the literal triple is chosen per platform, so nothing is wrong (#21 false alarm once fixed triples were judged)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM rust:1-bookworm AS builder
ARG TARGETARCH
RUN if [ "$TARGETARCH" = arm64 ]; then apt-get update && apt-get install -y g++-aarch64-linux-gnu; fi
WORKDIR /src
COPY . .
RUN if [ "$TARGETARCH" = arm64 ]; then \
      rustup target add aarch64-unknown-linux-gnu && \
      CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc cargo build --release --target aarch64-unknown-linux-gnu; \
    else cargo build --release; fi \
    && cp target/*/release/ingest target/release/ingest /out/ 2>/dev/null || true
FROM debian:bookworm-slim
COPY --from=builder /out/ingest /usr/local/bin/ingest

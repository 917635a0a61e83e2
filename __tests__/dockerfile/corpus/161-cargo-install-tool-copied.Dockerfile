# pattern: Agent platform: the $BUILDPLATFORM admin builder cross-builds its own binary with xx-cargo, then `cargo install sqlx-cli` in the same RUN (the host triple) and the image copies /usr/local/cargo/bin/sqlx: an amd64 tool in the arm64 image (#21, a wrong-arch fix commit in a blind set); a tool install kept in the build stage is fine
# platforms: linux/amd64,linux/arm64
# expect: 12 build-arch-binary
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx
FROM --platform=$BUILDPLATFORM rust:1.90 AS builder
COPY --from=xx / /
ARG TARGETPLATFORM
RUN xx-apt-get install -y gcc libc6-dev
WORKDIR /app
COPY . .
RUN cargo install cargo-chef --locked
RUN xx-cargo build --release --bin admin && cp target/$(xx-cargo --print-target-triple)/release/admin /app/admin && \
    cargo install sqlx-cli --no-default-features --features postgres --locked
FROM debian:bookworm-slim
COPY --from=builder /app/admin /usr/local/bin/admin
COPY --from=builder /usr/local/cargo/bin/sqlx /usr/local/bin/sqlx
ENTRYPOINT ["admin"]

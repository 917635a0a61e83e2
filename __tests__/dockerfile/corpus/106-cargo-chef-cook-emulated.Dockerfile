# pattern: Rust API: cargo-chef in target-platform stages: `cargo chef cook` compiles every dependency under QEMU, then `cargo build` the product; installing cargo-chef itself compiles too (#21 class 9)
# expect: 4 emulated-compile, 11 emulated-compile, 13 emulated-compile
FROM rust:1.79 AS chef
RUN cargo install cargo-chef --locked
WORKDIR /app
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json
FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release --bin api
FROM debian:bookworm-slim
COPY --from=builder /app/target/release/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]

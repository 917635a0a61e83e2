# pattern: Rust service: cargo build --release in the target-platform stage
# expect: 6 emulated-compile
FROM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo build --release
FROM debian:12-slim
COPY --from=build /src/target/release/svc /usr/local/bin/svc

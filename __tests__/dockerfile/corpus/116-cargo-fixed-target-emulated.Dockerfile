# pattern: Static-site generator: the build stage runs on each target platform (under QEMU for arm64) and compiles with `--target x86_64-unknown-linux-gnu` fixed, so the arm64 image copies an x86_64 binary; the fixed cargo target is judged like a fixed GOARCH (#21)
# platforms: linux/amd64,linux/arm64
# expect: 9 emulated-compile, 9 build-arch-binary
FROM rust:1-slim-bookworm AS builder
RUN apt-get update && apt-get install -y make g++ libssl-dev \
    && rustup target add x86_64-unknown-linux-gnu
WORKDIR /src
COPY . .
RUN cargo build --release --locked --target x86_64-unknown-linux-gnu
FROM gcr.io/distroless/cc-debian12
COPY --from=builder /src/target/x86_64-unknown-linux-gnu/release/site /bin/site
ENTRYPOINT ["/bin/site"]

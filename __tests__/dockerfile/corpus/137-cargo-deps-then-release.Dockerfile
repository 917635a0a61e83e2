# pattern: Data platform plugin: a $BUILDPLATFORM Rust stage builds the dependencies first (dummy main) and the crate second, both `cargo build --release` without --target; one program, one finding at the first build (#21 false alarm: one finding per program)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM rust:1.79-alpine AS plugin
RUN apk add --no-cache musl-dev openssl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm src/*.rs
COPY src ./src
RUN rm ./target/release/deps/plugin* && cargo build --release
FROM alpine:3.20
COPY --from=plugin /src/target/release/plugin /usr/local/bin/plugin

# pattern: Rust service: CARGO_BUILD_TARGET set from an ARG whose default is one triple: a multi-platform build gives every image that triple's binary (#21: a fixed cargo target is judged like a fixed GOARCH)
# expect: 9 build-arch-binary
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
ARG TARGETARCH
ARG RUST_TARGET=aarch64-unknown-linux-gnu
ENV CARGO_BUILD_TARGET=$RUST_TARGET
WORKDIR /src
COPY . .
RUN cargo build --release
FROM debian:12-slim
COPY --from=build /src/target /target

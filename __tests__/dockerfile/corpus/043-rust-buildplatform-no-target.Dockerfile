# pattern: Rust CLI: cargo build on the build platform without --target
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo build --release
FROM debian:12-slim
COPY --from=build /src/target/release/cli /usr/bin/cli

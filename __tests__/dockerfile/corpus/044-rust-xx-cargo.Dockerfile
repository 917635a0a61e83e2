# pattern: Rust CLI: xx-cargo build
# expect: none
FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
COPY --from=xx / /
ARG TARGETPLATFORM
RUN xx-apt-get install -y gcc libc6-dev
WORKDIR /src
COPY . .
RUN xx-cargo build --release --target-dir /build && xx-verify /build/$(xx-cargo --print-target-triple)/release/cli
FROM debian:12-slim
COPY --from=build /build /build

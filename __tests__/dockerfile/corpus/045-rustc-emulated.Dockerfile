# pattern: Tiny Rust tool: rustc under emulation
# expect: 5 emulated-compile
FROM rust:1.79 AS build
COPY main.rs .
RUN rustc -O -o /hello main.rs
FROM debian:12-slim
COPY --from=build /hello /hello

# pattern: EV charging controller and an object store: `go install tool` (the tools go.mod declares, Go 1.24) in a $BUILDPLATFORM stage is a build tool, not the product; `cargo run --bin gproto` in a target-platform stage compiles a generator under QEMU (#21: a false wrong-arch finding and a missed emulated compile in a blind set)
# platforms: linux/amd64,linux/arm64
# expect: 17 emulated-compile, 18 emulated-compile
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS builder
WORKDIR /build
COPY go.mod go.sum ./
RUN go install tool
COPY . .
ARG TARGETOS
ARG TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /build/app .
FROM alpine:3.23 AS app
COPY --from=builder /build/app /usr/local/bin/app
FROM rust:1.90 AS store
WORKDIR /usr/src/store
COPY . .
RUN cargo run --bin gproto
RUN cargo build --release && cp target/release/store /store
FROM app
COPY --from=store /store /usr/local/bin/store

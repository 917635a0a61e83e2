# pattern: Rust service: cargo build --target from a TARGETARCH-derived triple on the build platform
# expect: none
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
ARG TARGETARCH
RUN case "$TARGETARCH" in amd64) echo x86_64-unknown-linux-musl > /target;; arm64) echo aarch64-unknown-linux-musl > /target;; esac
RUN rustup target add $(cat /target)
WORKDIR /src
COPY . .
RUN cargo build --release --target $(cat /target)
FROM scratch
COPY --from=build /src/target/*/release/svc /svc

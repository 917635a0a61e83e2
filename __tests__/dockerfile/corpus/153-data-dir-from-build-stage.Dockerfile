# pattern: Auth service written in Rust: a `FROM --platform=$BUILDPLATFORM scratch AS share` stage gathers the frontend bundle and a policy .wasm, and the image copies it to `/usr/local/share/<program>` (the program's own name): a data directory, not the program (#21 false alarm)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM node:22 AS frontend
WORKDIR /app
COPY frontend .
RUN npm ci --ignore-scripts && npm run build && mkdir -p /share && cp -r dist /share/assets
FROM --platform=$BUILDPLATFORM scratch AS share
COPY --from=frontend /share /share
FROM --platform=$BUILDPLATFORM rust:1.90 AS builder
ARG TARGETARCH
RUN rustup target add aarch64-unknown-linux-gnu x86_64-unknown-linux-gnu
COPY . /src
RUN case "$TARGETARCH" in arm64) T=aarch64-unknown-linux-gnu ;; *) T=x86_64-unknown-linux-gnu ;; esac && \
    cargo build --release --target $T --manifest-path /src/Cargo.toml && cp /src/target/$T/release/auth-cli /auth-cli
FROM gcr.io/distroless/cc-debian12
COPY --from=builder /auth-cli /usr/local/bin/auth-cli
COPY --from=share /share /usr/local/share/auth-cli
ENTRYPOINT ["/usr/local/bin/auth-cli"]

# pattern: A Rust service compiled in a builder stage FROM a musl toolchain image whose tag is one architecture's (`…:x86_64-musl`), then copied into distroless: built for each platform, the builder is still that x86-64 image, so cargo makes an x86-64 program for every image (the project's arm64 image never ran; the fix moved to a multi-arch toolchain); a one-arch builder that only hands over scripts, and one that cross-compiles by naming its target, are fine (#21, the fourteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
ARG APP=status-service

FROM example/rust-musl-builder:x86_64-musl AS builder
ARG APP
WORKDIR /app
COPY . .
RUN cargo build --locked --release && mv target/x86_64-unknown-linux-musl/release/${APP} /app/server

FROM example/rust-musl-builder:x86_64-musl AS assets
COPY scripts/ /assets/
RUN chmod +x /assets/*.sh

FROM --platform=$BUILDPLATFORM example/rust-musl-builder:x86_64-musl AS cross
ARG TARGETARCH
COPY . /src
RUN cargo build --release --target "$([ "$TARGETARCH" = arm64 ] && echo aarch64 || echo x86_64)-unknown-linux-musl"

FROM gcr.io/distroless/static-debian12
COPY --from=assets /assets/ /usr/local/share/assets/
COPY --from=builder /app/server /app/server
ENTRYPOINT ["/app/server"]

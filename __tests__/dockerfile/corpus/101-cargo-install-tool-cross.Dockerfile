# pattern: Rust service: a build-machine tool from `cargo install`, the product cross-compiled with --target for TARGETARCH
# expect: none
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
ARG TARGETARCH
RUN cargo install cargo-auditable --locked
RUN case "$TARGETARCH" in amd64) t=x86_64-unknown-linux-musl ;; arm64) t=aarch64-unknown-linux-musl ;; s390x) t=s390x-unknown-linux-gnu ;; esac \
    && rustup target add "$t" && echo "$t" > /target
WORKDIR /src
COPY . .
RUN cargo auditable build --release --target "$(cat /target)" && cp "target/$(cat /target)/release/server" /server
FROM scratch
COPY --from=build /server /server
ENTRYPOINT ["/server"]

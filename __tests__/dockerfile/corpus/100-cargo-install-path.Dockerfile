# pattern: Rust service: `cargo install --path .` on $BUILDPLATFORM builds the product for the build machine only (#21 class 2)
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo install --locked --path . --root /out
FROM debian:bookworm-slim
COPY --from=build /out/bin/server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/server"]

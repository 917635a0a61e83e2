# pattern: An HTML checker's jlink runtime goes into a distroless image with the one library it needs copied from the builder by its x86-64 path (`COPY --from=builder /lib/x86_64-linux-gnu/libz.so.1 …`): the arm64 leg has no such file (the project's multi-arch build broke there and was reverted); a library copied by a path every platform has, or from a stage fixed to the directory's own platform into a per-arch tree (a Rust proxy's pattern), is fine (#21, the thirteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 14 build-arch-binary
FROM debian:bookworm-slim AS builder
RUN apt-get update && apt-get install -y --no-install-recommends zlib1g ca-certificates && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /out && cp "$(dpkg-query -L zlib1g | grep 'libz.so.1$' | head -1)" /out/libz.so.1
FROM --platform=linux/arm64 debian:bookworm-slim AS arm64-libs

FROM gcr.io/distroless/base-debian12 AS ok
COPY --from=builder /out/libz.so.1 /usr/lib/libz.so.1
COPY --from=arm64-libs /lib/aarch64-linux-gnu/libz.so.1 /all/linux/arm64/lib/aarch64-linux-gnu/

FROM ok
COPY --from=builder /lib/x86_64-linux-gnu/libz.so.1 /lib/x86_64-linux-gnu/libz.so.1
COPY --from=builder /bin/sh /bin/sh
ENTRYPOINT ["/bin/sh"]

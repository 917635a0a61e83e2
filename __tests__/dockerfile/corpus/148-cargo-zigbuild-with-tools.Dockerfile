# pattern: Python package manager's image: a $BUILDPLATFORM stage with build-essential installs its Python tool group (`uv sync --only-group docker`, for zig as the cross linker) and builds with `cargo auditable zigbuild --target $(cat rust_target.txt)`, the triple chosen from $TARGETPLATFORM: the installs are build tools beside a Rust product build, and the build is a cross build (#21 false alarm)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM ubuntu:24.04 AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential curl python3
COPY --from=ghcr.io/astral-sh/uv:latest /uv /usr/local/bin/uv
COPY pyproject.toml uv.lock ./
RUN uv sync --only-group docker --locked
ARG TARGETPLATFORM
RUN case "$TARGETPLATFORM" in linux/arm64) echo aarch64-unknown-linux-musl ;; *) echo x86_64-unknown-linux-musl ;; esac > rust_target.txt
COPY . .
RUN cargo auditable zigbuild --bin tool --target $(cat rust_target.txt) --release && cp target/$(cat rust_target.txt)/release/tool /tool
FROM scratch
COPY --from=build /tool /tool
ENTRYPOINT ["/tool"]

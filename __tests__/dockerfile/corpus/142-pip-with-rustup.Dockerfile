# pattern: Chat homeserver: the builder (built for each platform) installs Rust with the rustup installer script, not a package, then `pip install` builds the project's Rust extension under QEMU; a compiler installed by rustup counts like build-essential (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 8 emulated-compile
FROM python:3.12-slim AS builder
ENV RUSTUP_HOME=/rust CARGO_HOME=/cargo PATH=/cargo/bin:/rust/bin:$PATH
RUN curl -sSf https://sh.rustup.rs | sh -s -- -y --no-modify-path --profile minimal
COPY . /src
RUN pip install --prefix=/install /src
FROM python:3.12-slim
COPY --from=builder /install /usr/local

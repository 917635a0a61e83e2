# pattern: An uptime monitor builds with cargo only `if [ -z "$PREBUILT_TAG" ]`, and CI always passes the release tag, so the RUN compiles nothing and the image downloads the platform's own release tarball; a media app's stage installs gcc and python3-dev, then `pipenv install --system` builds its sdist-only dependencies under QEMU (#21, the twelfth set)
# platforms: linux/amd64,linux/arm64
# build-args: PREBUILT_TAG=v1.26.0
# expect: 9 emulated-compile
FROM debian:bookworm-slim AS media
ENV PIP_NO_CACHE_DIR=1
COPY Pipfile /app/Pipfile
WORKDIR /app
RUN apt-get update && apt-get -y --no-install-recommends install gcc g++ python3-dev default-libmysqlclient-dev python3-pip pipenv && \
    pipenv install --system --skip-lock && \
    apt-get -y autoremove --purge gcc g++ python3-dev

FROM rust:1.80 AS build
ARG PREBUILT_TAG
ARG TARGETPLATFORM
WORKDIR /app
COPY . .
RUN case ${TARGETPLATFORM} in \
      "linux/amd64") echo "x86_64-unknown-linux-musl" > .toolchain ;; \
      "linux/arm64") echo "aarch64-unknown-linux-musl" > .toolchain ;; \
    esac
RUN if [ -z "$PREBUILT_TAG" ]; then \
    cargo build --release --target $(cat .toolchain) && mkdir -p ./vigil && mv ./target/$(cat .toolchain)/release/vigil ./vigil/ \
    ; fi

COPY --from=media /app/Pipfile /app/Pipfile
CMD ["/app/vigil/vigil"]

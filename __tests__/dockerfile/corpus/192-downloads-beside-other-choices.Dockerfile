# pattern: Per-arch downloads whose one architecture was hidden from the advisor by something else in the RUN: a version variable whose name starts with BUILD (`buildx-v${BUILDX_VERSION}.linux-amd64`: not a platform ARG), a Node-style name through an ARG default (`varlock-${TOOL_ARCH}.tar.gz` with `TOOL_ARCH=linux-musl-x64`) inside an `if` that tests the version, an `if` on a variable an earlier RUN set (each RUN is its own shell: the x86_64 default stays), and a download in a stage the image is built FROM (`geckodriver-…-linux64`); npm's scripts unpacked from Node's x64 tarball are the same everywhere (#21, the fifteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 5 build-arch-binary, 12 build-arch-binary, 17 build-arch-binary, 27 build-arch-binary
FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y --no-install-recommends wget firefox-esr \
    && wget https://github.com/mozilla/geckodriver/releases/download/v0.35.0/geckodriver-v0.35.0-linux64.tar.gz \
    && tar -xzf geckodriver-v0.35.0-linux64.tar.gz -C /usr/local/bin && rm geckodriver-v0.35.0-linux64.tar.gz

FROM base AS tools
ARG BUILDX_VERSION
ENV BUILDX_VERSION="${BUILDX_VERSION:-v0.10.0}"
RUN mkdir -p /usr/libexec/docker/cli-plugins \
    && curl -fsSL -o /usr/libexec/docker/cli-plugins/docker-buildx "https://github.com/docker/buildx/releases/download/v${BUILDX_VERSION##v}/buildx-v${BUILDX_VERSION##v}.linux-amd64" \
    && chmod 755 /usr/libexec/docker/cli-plugins/docker-buildx
ARG TOOL_VERSION=latest
ARG TOOL_ARCH=linux-musl-x64
RUN if [ "$TOOL_VERSION" = "latest" ]; then \
      curl -fsSL -o tool.tar.gz "https://example.com/tool/releases/latest/download/tool-${TOOL_ARCH}.tar.gz"; \
    else \
      curl -fsSL -o tool.tar.gz "https://example.com/tool/releases/download/v${TOOL_VERSION}/tool-${TOOL_ARCH}.tar.gz"; \
    fi && tar -xzf tool.tar.gz -C /usr/local/bin && rm tool.tar.gz
ARG TARGETARCH
RUN RUNNER_ARCH=x64 \
    && if [ "$TARGETARCH" = "arm64" ]; then RUNNER_ARCH=arm64; fi \
    && curl -fsSL -o runner.tar.gz "https://example.com/runner/runner-linux-${RUNNER_ARCH}.tar.gz" \
    && tar -xzf runner.tar.gz && rm runner.tar.gz
RUN DOCKER_ARCH=x86_64 \
    && if [ "$RUNNER_ARCH" = "arm64" ]; then DOCKER_ARCH=aarch64; fi \
    && curl -fsSL -o docker.tgz "https://download.docker.com/linux/static/stable/${DOCKER_ARCH}/docker-26.1.4.tgz" \
    && tar -xzf docker.tgz && install -m 755 docker/* /usr/bin/ && rm -rf docker docker.tgz
RUN wget "https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.gz" \
    && tar xzf "node-v22.11.0-linux-x64.tar.gz" -C /usr/local --strip-components=1 \
      "node-v22.11.0-linux-x64/lib/node_modules/npm" "node-v22.11.0-linux-x64/bin/npm" \
    && rm "node-v22.11.0-linux-x64.tar.gz"
ENTRYPOINT ["/usr/bin/docker"]

# pattern: The same download with `ARG TARGETARCH` and no default: each platform fetches its own tool (correct)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM debian:bookworm-slim AS fetch
ARG TARGETARCH
RUN apt-get update && apt-get install -y curl \
    && curl -fsSL "https://example.invalid/tool_linux_${TARGETARCH}.tar.gz" | tar -xz -C /usr/local/bin tool
FROM debian:bookworm-slim
COPY --from=fetch /usr/local/bin/tool /usr/local/bin/tool
ENTRYPOINT ["/usr/local/bin/tool"]

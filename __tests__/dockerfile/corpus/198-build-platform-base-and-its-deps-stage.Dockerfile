# pattern: A Next.js app whose runtime base is FROM --platform=$BUILDPLATFORM node:22-slim (the arm64 image gets amd64's node): a `deps` stage built FROM that base installs the modules the image copies (the same cause, named in the base's finding, not a second one); beside it a Go helper built on $BUILDPLATFORM with GOARCH=${TARGETARCH} in a stage that never declares ARG TARGETARCH (a cause of its own) (#21, the seventeenth set)
# platforms: linux/amd64,linux/arm64
# expect: 4 build-arch-binary, 11 build-arch-binary
FROM --platform=$BUILDPLATFORM node:22-slim AS runtime-base
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*

FROM --platform=$BUILDPLATFORM golang:1.23-bookworm AS helper
ARG HELPER_VERSION=2.4.0
WORKDIR /build
RUN git clone https://github.com/example/helper.git . && git checkout v${HELPER_VERSION}
RUN CGO_ENABLED=0 GOOS=linux GOARCH=${TARGETARCH} go build -o /out/helper ./cmd/helper

FROM runtime-base AS deps
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN corepack enable && pnpm i --frozen-lockfile

FROM runtime-base AS prod
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=helper /out/helper /usr/local/bin/helper
COPY . .
ENTRYPOINT ["node", "server.js"]

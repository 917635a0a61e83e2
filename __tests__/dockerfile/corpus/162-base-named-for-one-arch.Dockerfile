# pattern: Home-automation add-on: the runner stage is `FROM ${BUILD_FROM}` with the global default `ghcr.io/home-assistant/amd64-base:3.22` (an image for amd64 only, named so) and CI passes no BUILD_FROM: the arm64 image runs an amd64 userland; per-arch bases through `${TARGETARCH}` and a multi-arch name are fine (#21, a wrong-arch fix commit in a blind set)
# platforms: linux/amd64,linux/arm64
# expect: 11 build-arch-binary
ARG BUILD_FROM=ghcr.io/home-assistant/amd64-base:3.22
FROM --platform=$BUILDPLATFORM node:22-slim AS builder
WORKDIR /app
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile && pnpm build
FROM ${TARGETARCH}/alpine:3.20 AS probe
RUN apk add --no-cache curl
FROM ${BUILD_FROM} AS runner
RUN apk add --no-cache nodejs tini
COPY --from=builder /app/dist /app
COPY --from=probe /usr/bin/curl /usr/bin/curl
ENTRYPOINT ["tini", "--", "node", "/app/index.js"]

# pattern: Media manager in TypeScript: a $BUILDPLATFORM base stage installs build-essential and libfuse, the stage built FROM it runs `pnpm install`, which compiles native addons for the build machine, and the runtime copies node_modules into every image; a frontend stage on $BUILDPLATFORM without a compiler whose static files reach the image is fine (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 10 build-arch-binary
FROM --platform=$BUILDPLATFORM node:22-bookworm AS core
RUN apt-get update && apt-get install -y build-essential python3 libfuse-dev
RUN corepack enable
FROM core AS deps
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
FROM --platform=$BUILDPLATFORM node:22-bookworm AS web
WORKDIR /web
COPY web/ ./
RUN npm ci && npm run build
FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=web /web/dist ./public
CMD ["node", "main.js"]

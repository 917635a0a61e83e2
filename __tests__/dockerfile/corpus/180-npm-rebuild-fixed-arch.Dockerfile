# pattern: A social-media bridge rebuilds its image library with `npm rebuild --platform=linux --arch=x64 --libc=musl sharp` in the one stage built for each platform: npm fetches the x64 musl prebuilt for every image, so the arm64 one gets amd64 native modules (no compile: a download). The fix drops --arch; a second service passes the target's arch from a variable (fine) (#21, the twelfth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM node:lts-alpine
ARG TARGETARCH
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild --platform=linux --arch=x64 --libc=musl sharp && npm run build --ignore-scripts
RUN npm_config_arch=${TARGETARCH/amd64/x64} npm rebuild --ignore-scripts=false better-sqlite3 --arch=${TARGETARCH/amd64/x64}
USER node
CMD ["node", "/app/dist/index.js"]

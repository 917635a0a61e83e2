# pattern: Node app: a RUN reads a dependency's version with `node -p "require('./node_modules/pkg/package.json').version"` and installs the matching platform package by $TARGETARCH; reading a JSON file runs no script (#21 false hidden-compile)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM node:22-slim AS build
ARG TARGETARCH
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
RUN V="$(node -p "require('./node_modules/@scope/bundler/package.json').version")" \
    && npm install --no-save "@scope/bundler-linux-$([ "$TARGETARCH" = amd64 ] && echo x64 || echo "$TARGETARCH")@$V"
FROM node:22-slim
COPY --from=build /app /app

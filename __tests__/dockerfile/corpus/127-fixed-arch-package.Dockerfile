# pattern: Recipe web app with a native bundler: the build stage (built for each platform) forces the bundler's native package with `npm pack @scope/bundler-linux-arm64`, a fix made on an arm64 laptop, so the amd64 image gets the arm64 binary; a RUN that picks the package by `case $(uname -m)` and a cross compiler install are fine (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 9 build-arch-binary
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
RUN case "$(uname -m)" in aarch64) A=arm64 ;; *) A=x64 ;; esac && npm install --no-save "@scope/helper-linux-$A"
RUN cd node_modules/@scope && npm pack @scope/bundler-linux-arm64@0.20.0 \
    && tar -xzf scope-bundler-linux-arm64-0.20.0.tgz && mv package bundler-linux-arm64
COPY . .
RUN npx @scope/bundler build
FROM node:22-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]

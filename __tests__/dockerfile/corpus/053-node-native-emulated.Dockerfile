# pattern: Node service with native addons: build tools installed, npm ci compiles under QEMU
# expect: 7 emulated-compile
FROM node:20 AS deps
RUN apt-get update && apt-get install -y python3 make g++
WORKDIR /app
COPY package*.json ./
RUN npm ci
FROM node:20-slim
COPY --from=deps /app/node_modules /app/node_modules

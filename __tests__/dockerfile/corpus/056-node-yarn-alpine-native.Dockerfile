# pattern: Node app on alpine: build-base added, yarn install compiles
# expect: 7 emulated-compile
FROM node:20-alpine
RUN apk add --no-cache python3 make g++ build-base
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
CMD ["node", "index.js"]

# pattern: AirPlay receiver and a dashboard: autotools `./configure` compiles test programs under QEMU (a compile, not a hidden script), `npm install -g pnpm` and `yarn install --ignore-scripts` build nothing native, `pip wheel` builds sdists like pip install, and `./server version` after `make` runs the program just built (#21 false notes and misses)
# platforms: linux/amd64,linux/arm64
# expect: 8 emulated-compile, 9 emulated-compile, 13 emulated-compile
FROM alpine:3.20 AS receiver
RUN apk add --no-cache build-base autoconf automake libtool alsa-lib-dev
WORKDIR /src
COPY . .
RUN autoreconf -fi && ./configure --with-alsa
RUN make -j"$(nproc)"
RUN ./server version
FROM python:3.12-slim AS wheels
RUN apt-get update && apt-get install -y build-essential libpq-dev
RUN pip wheel --wheel-dir /wheels psycopg2 uwsgi
FROM node:22-alpine AS ui
RUN apk add --no-cache python3 make g++ && npm install -g pnpm
COPY package.json yarn.lock ./
RUN yarn install --ignore-scripts && yarn build
FROM python:3.12-slim
COPY --from=receiver /src/server /usr/local/bin/server
COPY --from=wheels /wheels /wheels
COPY --from=ui /dist /srv/www

# pattern: Compose-file converter website: stages pinned to linux/amd64 install make and even a C++ compiler, run `npm install` and `make build`, and the final stage copies only their build/ directories (static files): native modules left in those stages never reach an image; a heredoc entry script is no program (#21 false alarms); the final stage on $BUILDPLATFORM still gives every image the build machine's web server
# platforms: linux/amd64,linux/arm64
# expect: 14 build-arch-binary
FROM --platform=linux/amd64 node:22-alpine AS site
RUN apk add --no-cache make g++ git
WORKDIR /opt/site
COPY site/ ./
RUN npm install --legacy-peer-deps && make build
FROM --platform=linux/amd64 node:22-alpine AS docs
RUN apk add --no-cache make
WORKDIR /opt/docs
COPY docs/ ./
RUN npm install && make build
FROM --platform=$BUILDPLATFORM example.invalid/static-web-server:latest
COPY --from=site /opt/site/build/ /var/www/
COPY --from=docs /opt/docs/build/ /var/www/docs/
COPY --chmod=755 <<EOF /start
#!/bin/sh
exec /busybox httpd -f -p 3000 -h /var/www
EOF
ENTRYPOINT ["/start"]

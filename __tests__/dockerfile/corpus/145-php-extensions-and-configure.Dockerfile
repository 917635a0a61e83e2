# pattern: PHP cloud suite and a log analyzer: the official php image's `docker-php-ext-install` and `pecl install` compile C extensions, and `./configure` behind inline assignments with a command substitution (`LIBS="$(pkg-config --libs openssl)" ./configure`) compiles too; both under QEMU on arm64 (#21 misses)
# platforms: linux/amd64,linux/arm64
# expect: 5 emulated-compile, 12 emulated-compile, 13 emulated-compile
FROM php:8.3-fpm-alpine AS app
RUN set -ex; apk add --no-cache --virtual .build-deps $PHPIZE_DEPS icu-dev libzip-dev; \
    docker-php-ext-install -j "$(nproc)" intl zip; \
    pecl install apcu redis; docker-php-ext-enable apcu redis; apk del .build-deps
FROM alpine:3.20 AS analyzer
RUN apk add --no-cache build-base autoconf automake clang openssl-dev
COPY . /src
WORKDIR /src
RUN CC="clang" CFLAGS="-O3" LIBS="$(pkg-config --libs openssl)" ./configure --prefix=/usr
RUN make -j$(nproc) && make DESTDIR=/dist install
FROM app
COPY --from=analyzer /dist/usr/bin/analyzer /usr/bin/analyzer

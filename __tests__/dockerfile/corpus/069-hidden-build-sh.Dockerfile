# pattern: Legacy project: a build script run under QEMU
# expect: 7 hidden-compile
FROM debian:12 AS build
RUN apt-get update && apt-get install -y curl git
WORKDIR /src
COPY . .
RUN ./build.sh release
FROM debian:12-slim
COPY --from=build /src/out /opt/app

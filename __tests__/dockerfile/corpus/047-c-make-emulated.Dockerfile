# pattern: C daemon: make in a target-platform stage
# expect: 7 emulated-compile
FROM debian:12 AS build
RUN apt-get update && apt-get install -y build-essential
WORKDIR /src
COPY . .
RUN ./configure --prefix=/usr && make -j"$(nproc)" && make install DESTDIR=/out
FROM debian:12-slim
COPY --from=build /out /

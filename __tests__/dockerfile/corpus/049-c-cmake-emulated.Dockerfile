# pattern: C++ library: cmake --build under emulation
# expect: 7 emulated-compile
FROM ubuntu:24.04 AS build
RUN apt-get update && apt-get install -y cmake g++ ninja-build
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja && cmake --build build
FROM ubuntu:24.04
COPY --from=build /src/build/app /usr/bin/app

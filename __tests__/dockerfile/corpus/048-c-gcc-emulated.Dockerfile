# pattern: C utility: gcc under emulation
# expect: 5 emulated-compile
FROM gcc:13 AS build
COPY hello.c .
RUN gcc -O2 -static -o /hello hello.c
FROM scratch
COPY --from=build /hello /hello

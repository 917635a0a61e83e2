# pattern: Go toolchain bootstrap: make.bash under emulation
# expect: 6 emulated-compile
FROM debian:12 AS bootstrap
RUN apt-get update && apt-get install -y golang-go git
COPY go /usr/local/go
RUN cd /usr/local/go/src && ./make.bash
FROM debian:12-slim
COPY --from=bootstrap /usr/local/go /usr/local/go

# pattern: Helper: a stage pinned to linux/arm64 compiling under QEMU on an amd64 builder
# expect: 6 emulated-compile
FROM --platform=linux/arm64 golang:1.22 AS armtool
WORKDIR /src
COPY . .
RUN go build -o /armtool .
FROM alpine:3.19
COPY --from=armtool /armtool /usr/bin/armtool

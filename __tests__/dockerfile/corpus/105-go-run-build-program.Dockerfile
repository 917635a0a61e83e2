# pattern: Backup tool: `go run build.go` in a target-platform stage compiles the build program and the product under QEMU (#21 class 9)
# expect: 6 emulated-compile
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go run build.go -o /out/backup
FROM alpine:3.20
COPY --from=build /out/backup /usr/bin/backup
ENTRYPOINT ["/usr/bin/backup"]

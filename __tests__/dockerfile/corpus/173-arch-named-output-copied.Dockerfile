# pattern: A Helm-tools image builds its CLI in a golang stage built for each platform with a fixed `GOOS=linux GOARCH=amd64 … -o dist/tool_linux_amd64` (a release-artefact name), and the image copies that very file as /usr/local/bin/tool: not an artefact kept for its name, every image runs the amd64 binary (#21, a held-out file studied: the Makefile variant)
# platforms: linux/amd64,linux/arm64
# expect: 7 emulated-compile, 7 build-arch-binary
FROM golang:1.22-alpine AS builder
WORKDIR /workspace
COPY . .
RUN env CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o dist/tool_linux_amd64 ./cmd/tool

FROM alpine:3.20
RUN apk add --no-cache ca-certificates git
COPY --from=builder /workspace/dist/tool_linux_amd64 /usr/local/bin/tool
ENTRYPOINT ["/usr/local/bin/tool"]

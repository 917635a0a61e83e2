# pattern: A test-tooling image that ships its binaries for both arches on purpose: one amd64 builder builds natively, then with GOARCH=arm64, each renamed into an arch-named directory, and the image copies both directories by name: artefacts, not a wrong arch (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=linux/amd64 golang:1.22-bookworm AS builder-amd64
COPY . /usr/src/kit
RUN cd /usr/src/kit && go build -o bin/ ./cmd/... ; mv bin bin-amd64 ; CGO_ENABLED=0 GOARCH=arm64 go build -o bin/ ./cmd/... ; mv bin bin-arm64

FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends qemu-system-x86 qemu-system-aarch64
COPY --from=builder-amd64 /usr/src/kit/bin-amd64 /usr/local/bin-amd64
COPY --from=builder-amd64 /usr/src/kit/bin-arm64 /usr/local/bin-arm64

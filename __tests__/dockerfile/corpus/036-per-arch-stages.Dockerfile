# pattern: Binary downloader: FROM fetch-${TARGETARCH} picks a per-arch stage; the arm64 one compiles under QEMU
# platforms: linux/amd64,linux/arm64
# expect: 9 emulated-compile
FROM alpine:3.19 AS fetch-amd64
RUN wget -O /bin/tool https://example.invalid/tool-amd64 && chmod +x /bin/tool
FROM golang:1.22 AS fetch-arm64
WORKDIR /src
COPY . .
RUN go build -o /bin/tool .
FROM fetch-${TARGETARCH} AS fetch
FROM alpine:3.19
COPY --from=fetch /bin/tool /bin/tool

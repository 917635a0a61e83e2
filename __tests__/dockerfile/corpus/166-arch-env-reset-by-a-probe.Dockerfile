# pattern: An operator image keeps `ENV ARCH=amd64` as a default and its download RUN (in the image built for each platform) resets it from `$(arch)` before fetching (`if [[ $(arch) == aarch64* ]]; then ARCH=arm64; fi`): each image gets its own files, no finding; an emulated builder stage runs `go get -d` (a download, no build) and then `go build` (the only emulated compile) (#21, a held-out file studied)
# platforms: linux/amd64,linux/arm64
# expect: 8 emulated-compile
FROM golang:1.17-alpine AS hooks
RUN apk add --no-cache git && git clone --depth 1 https://example.invalid/shell-operator.git /go/src/example/shell-operator
RUN go get -d example.invalid/shell-operator/...
WORKDIR /go/src/example/shell-operator
RUN CGO_ENABLED=0 go build -o shell-operator ./cmd/shell-operator

FROM python:3.10-alpine
ENV ARCH=amd64
RUN apk --no-cache add bash curl && \
    if [[ $(arch) == aarch64* ]]; then ARCH=arm64; fi && \
    wget https://example.invalid/helm-v3.9.0-linux-${ARCH}.tar.gz && \
    tar -zxf helm-v3.9.0-linux-${ARCH}.tar.gz && mv linux-${ARCH}/helm /bin/helm
COPY --from=hooks /go/src/example/shell-operator/shell-operator /
ENTRYPOINT ["/shell-operator"]

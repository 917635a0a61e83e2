# pattern: A secrets operator's builder on $BUILDPLATFORM compiles the manager once per architecture in a shell loop (`for arch in $ARCHS; do GOARCH=$arch go build -o bin/manager-linux-$arch`), which is right; the final stage then declares `ARG TARGETARCH=amd64`, so its `COPY --from=builder …manager-$TARGETOS-$TARGETARCH` takes the amd64 build into every image (#21, the thirteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 17 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS builder
WORKDIR /workspace
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG ARCHS="arm64 amd64 arm"
RUN for arch in ${ARCHS}; do \
      CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -o "bin/manager-linux-${arch}" ./cmd/manager ; \
    done

FROM alpine:3.20
ARG TARGETOS=linux
ARG TARGETARCH=amd64
COPY --from=builder "/workspace/bin/manager-$TARGETOS-$TARGETARCH" /manager
USER 65534
ENTRYPOINT ["/manager"]

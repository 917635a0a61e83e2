# pattern: An operator's builder on $BUILDPLATFORM builds its manager with a GOARCH=${TARGETARCH} prefix and, in the same RUN, a helper without one, then cp's both to /usr/local/bin, which the image copies from: the helper is the build machine's (#21, the nineteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM --platform=${BUILDPLATFORM} golang:1.22 AS builder
WORKDIR /src
ARG TARGETARCH
COPY . .
RUN mkdir -p out \
    && CGO_ENABLED=0 GOARCH=${TARGETARCH} go build -o out/manager ./cmd/manager \
    && CGO_ENABLED=0 go build -o out/installer ./cmd/installer \
    && cp -r out/manager /usr/local/bin/manager \
    && cp -r out/installer /usr/local/bin/installer

FROM gcr.io/distroless/static:nonroot
COPY --from=builder /usr/local/bin/manager /usr/local/bin/
COPY --from=builder /usr/local/bin/installer /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/manager"]

# pattern: eBPF agent: the $BUILDPLATFORM builder cross-compiles its Go parts with GOARCH=$TARGETARCH, and also builds rsync statically with `./configure && make` (no cross compiler, no --host); the image copies that rsync: the build machine's (#21, a wrong-arch fix commit in a blind set)
# platforms: linux/amd64,linux/arm64
# expect: 11 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.24 AS builder
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /out/agent ./cmd/agent
RUN apt-get update && apt-get install -y --no-install-recommends build-essential wget libpopt-dev
ARG RSYNC_VERSION=3.2.7
RUN wget https://download.samba.org/pub/rsync/src/rsync-${RSYNC_VERSION}.tar.gz && tar -xzf rsync-${RSYNC_VERSION}.tar.gz && \
    cd rsync-${RSYNC_VERSION} && ./configure --prefix=/usr LDFLAGS="-static" && make && make install DESTDIR=/rsync-install
FROM gcr.io/distroless/base-debian12
COPY --from=builder /out/agent /agent
COPY --from=builder /rsync-install/usr/bin/rsync /usr/bin/rsync
ENTRYPOINT ["/agent"]

# pattern: GitOps server: a $BUILDPLATFORM tools stage runs the project's installer script (`./install.sh helm`) with no ARG TARGETARCH, so it can only fetch the build machine's helm and kustomize, which the image copies from /usr/local/bin; the CA bundle from a $BUILDPLATFORM stage and a tool fetched by $TARGETARCH are fine (#21 miss: one finding per such stage)
# platforms: linux/amd64,linux/arm64
# expect: 18 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.25 AS tools
WORKDIR /tmp
COPY hack/install.sh hack/tool-versions.sh ./
RUN ./install.sh helm && INSTALL_PATH=/usr/local/bin ./install.sh kustomize
FROM --platform=$BUILDPLATFORM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates
FROM --platform=$BUILDPLATFORM alpine:3.20 AS yq
ARG TARGETARCH
RUN wget -qO /usr/local/bin/yq "https://example.invalid/yq_linux_${TARGETARCH}" && chmod +x /usr/local/bin/yq
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y git tini && rm -rf /var/lib/apt/lists/*
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=yq /usr/local/bin/yq /usr/local/bin/yq
COPY hack/git-wrapper.sh /usr/local/bin/
COPY --from=tools /usr/local/bin/helm /usr/local/bin/helm
COPY --from=tools /usr/local/bin/kustomize /usr/local/bin/kustomize
ENTRYPOINT ["/usr/bin/tini", "--"]

# pattern: GitOps controller: a $BUILDPLATFORM tools stage downloads helm for `$(uname -m)` (the build machine's) and the image copies it: one cause, one finding (at the download), not a second one for the COPY (#21: reported twice once the installer script was read)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.25 AS builder
WORKDIR /tmp
RUN case $(uname -m) in x86_64) A=amd64 ;; aarch64) A=arm64 ;; esac && \
    curl -fsSL https://get.helm.sh/helm-v3.18.0-linux-$A.tar.gz | tar -xz && mv linux-$A/helm /usr/local/bin/helm
FROM ubuntu:24.04
COPY --from=builder /usr/local/bin/helm /usr/local/bin/helm
ENTRYPOINT ["helm"]

# pattern: CLI wrapper image: a $BUILDPLATFORM downloader declares ARG TARGETPLATFORM but names the release by ${BUILDPLATFORM//\//_}, so it fetches the build machine's gh; declaring the platform ARG without using it sees nothing of the target (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 13 build-arch-binary
FROM --platform=$BUILDPLATFORM alpine:3.21 AS builder
ARG TARGETPLATFORM
ARG BUILDPLATFORM
ARG GH_VERSION=2.10.1
RUN export REL="${GH_VERSION}_$(echo "${BUILDPLATFORM//\//_}")" \
    && wget "https://example.invalid/gh/v${GH_VERSION}/gh_${REL}.tar.gz" && tar -zxf "gh_${REL}.tar.gz" \
    && cp "gh_${REL}/bin/gh" /usr/bin/gh
FROM alpine:3.21
RUN apk add --no-cache git
COPY --from=builder /usr/bin/gh /usr/bin/
ENTRYPOINT ["gh"]

# pattern: Static site generator with a Dart runtime: `ARG DART_ARCH=${TARGETARCH/amd64/x64}` maps Go's arch name to the vendor's by BuildKit's pattern substitution, then an ADD fetches `…-linux-${DART_ARCH}.tar.gz`: arm64 stays arm64, amd64 becomes x64; fine (#21 false alarm before the substitution was understood)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM alpine:3.20 AS runtime
ARG TARGETARCH
ARG RT_VERSION=1.77.0
ARG RT_ARCH=${TARGETARCH/amd64/x64}
WORKDIR /out
ADD https://example.invalid/runtime/${RT_VERSION}/runtime-${RT_VERSION}-linux-${RT_ARCH}.tar.gz .
RUN tar -xf runtime-${RT_VERSION}-linux-${RT_ARCH}.tar.gz
FROM alpine:3.20
COPY --from=runtime /out/runtime /opt/runtime

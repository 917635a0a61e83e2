# pattern: Typesetting CLI: `ARG TARGETPLATFORM` only before the first FROM, never declared in the $BUILDPLATFORM build stage, so xx-cargo sees no target and builds for the build machine: the arm64 image gets an x86-64 binary (#21 miss; xx reads $TARGETPLATFORM)
# platforms: linux/amd64,linux/arm64
# expect: 11 build-arch-binary
ARG TARGETPLATFORM
FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx
FROM --platform=$BUILDPLATFORM rust:alpine AS build
COPY --from=xx / /
RUN apk add --no-cache clang lld && xx-apk add --no-cache musl-dev
COPY . /app
WORKDIR /app
RUN xx-cargo build -p cli --release && cp target/$(xx-cargo --print-target-triple)/release/cli /cli
FROM alpine:3.20
COPY --from=build /cli /usr/bin/cli
ENTRYPOINT ["/usr/bin/cli"]

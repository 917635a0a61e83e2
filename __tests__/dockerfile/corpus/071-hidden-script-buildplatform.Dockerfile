# pattern: Kubernetes-style repo: the build script runs on the build platform (no emulation)
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /go/src/app
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH ./hack/build.sh
FROM alpine:3.19
COPY --from=build /go/src/app/_output /usr/local/bin

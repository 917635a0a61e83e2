# pattern: Kubernetes-style repo: bash hack/build.sh under QEMU
# expect: 6 hidden-compile
FROM golang:1.22 AS build
WORKDIR /go/src/app
COPY . .
RUN bash hack/build-binaries.sh
FROM alpine:3.19
COPY --from=build /go/src/app/_output /usr/local/bin

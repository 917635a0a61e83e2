# pattern: GOPATH-era project: go get on the build platform without GOARCH
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.10 AS build
ENV GOPATH=/go
COPY . /go/src/github.com/acme/daemon
RUN go get -v github.com/acme/daemon/...
FROM alpine:3.8
COPY --from=build /go/bin/daemon /daemon

# pattern: CNI plugin: global ARG GOARCH=amd64 re-declared in the build stage
# platforms: linux/amd64,linux/arm64
# expect: 9 build-arch-binary
ARG GOARCH=amd64
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG GOARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=${GOARCH} go build -o /plugin .
FROM alpine:3.19
COPY --from=build /plugin /opt/cni/bin/plugin

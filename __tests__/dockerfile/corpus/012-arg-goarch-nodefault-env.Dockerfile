# pattern: Proxy: ARG GOARCH without value copied into ENV, never set from the target
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG GOARCH
ENV GOARCH=${GOARCH}
WORKDIR /src
COPY . .
RUN go build -o /out/proxy ./cmd/proxy
FROM alpine:3.19
COPY --from=build /out/proxy /usr/bin/proxy

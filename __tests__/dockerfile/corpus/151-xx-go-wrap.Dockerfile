# pattern: Identity provider: `RUN xx-go --wrap` once in a $BUILDPLATFORM stage, then `make release-binary`-style plain `go build` lines: the wrapper makes every later go a cross build for $TARGETPLATFORM (#21 false alarm once the Makefile was read)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS builder
COPY --from=xx / /
ARG TARGETPLATFORM
RUN xx-apk add musl-dev gcc
RUN xx-go --wrap
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /go/bin/server ./cmd/server && xx-verify /go/bin/server
FROM alpine:3.22
COPY --from=builder /go/bin/server /usr/local/bin/server
ENTRYPOINT ["server"]

# pattern: A cross-compiling builder gives the server its GOARCH as a prefix of the first `go build` and builds a healthcheck helper in the same RUN after `&&`: a prefix sets one command's environment, so the helper, copied into the image beside the server, is the build machine's (amd64) binary in the arm64 image. The second RUN exports GOARCH once (every build gets it) and the third builds a code generator for the build machine on purpose, run there and never copied (#21, a set-11 miss)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/server ./cmd/server && \
    CGO_ENABLED=0 go build -trimpath -o /out/healthcheck ./cmd/healthcheck
RUN export CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH && \
    go build -o /out/migrate ./cmd/migrate && go build -o /out/admin ./cmd/admin
RUN go build -o /tmp/gen ./tools/gen && /tmp/gen ./api && \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/worker ./cmd/worker

FROM alpine:3.20
COPY --from=build /out/ /usr/local/bin/
HEALTHCHECK CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]

# pattern: TUI for docker bundling the docker CLI: a stage built for each platform sets `ENV GOARCH=${GOARCH}` from `ARG GOARCH=amd64` and runs the CLI's own build script; the script builds Go for that fixed GOARCH, so the arm64 image gets an amd64 docker binary (#21 miss: a build script under a fixed GOARCH)
# platforms: linux/amd64,linux/arm64
# expect: 10 hidden-compile, 10 build-arch-binary
FROM golang:1.23-alpine AS docker-builder
ARG GOARCH=amd64
RUN apk add -U --no-cache git bash coreutils gcc musl-dev
WORKDIR /go/src/github.com/docker/cli
RUN git clone --depth 1 https://example.invalid/docker/cli.git .
ENV CGO_ENABLED=0 GOARCH=${GOARCH}
RUN ./scripts/build/binary
FROM scratch
COPY --from=docker-builder /go/src/github.com/docker/cli/build/docker /bin/docker
ENTRYPOINT ["/bin/docker"]

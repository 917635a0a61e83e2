# Reference Dockerfile for a Go component built for several platforms in one `docker buildx build`.
# The Go stage runs on the build machine ($BUILDPLATFORM) and cross-compiles for each target, so no
# compiler runs under QEMU (7x faster here); only the tiny runtime stage exists per target platform.
# No `# syntax=` line: it makes BuildKit pull a frontend image, and the built-in frontend already has
# RUN --mount, heredocs and --platform. Build context: the repository root.
#
#   docker buildx build --platform linux/amd64,linux/arm64,linux/s390x \
#     --build-arg VERSION=1.2.3 --build-arg GIT_COMMIT=$(git rev-parse --short HEAD) \
#     --build-arg BUILD_DATE=$(git log -1 --format=%cI) -t IMAGE .

ARG GO_IMAGE=golang:1.23
ARG BASE_IMAGE=gcr.io/distroless/static:nonroot

FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build
# set by BuildKit per target platform, e.g. linux / arm / v7
ARG TARGETOS TARGETARCH TARGETVARIANT
WORKDIR /src/example
COPY example/go.mod ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY example/ ./
ARG VERSION=dev
ARG GIT_COMMIT=unknown
ARG BUILD_DATE=unknown
# GOARM only for GOARCH=arm: Go rejects any GOARM other than 5/6/7 even when building for another arch.
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    if [ "$TARGETARCH" = arm ] && [ -n "$TARGETVARIANT" ]; then export GOARM="${TARGETVARIANT#v}"; fi; \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${GIT_COMMIT} -X main.date=${BUILD_DATE}" \
      -o /out/crossbuild-example .

FROM ${BASE_IMAGE}
COPY --from=build /out/crossbuild-example /usr/local/bin/crossbuild-example
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/crossbuild-example"]

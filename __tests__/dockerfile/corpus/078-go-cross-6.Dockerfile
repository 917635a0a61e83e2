# pattern: Service mesh sidecar: GOOS/GOARCH from TARGETOS/TARGETARCH with cache mounts
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags "-s -w" -o /out/bin .
FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/bin /bin/app
USER 65532:65532
ENTRYPOINT ["/bin/app"]

# pattern: Operator: `ARG TARGETARCH=amd64` in the build stage replaces BuildKit's per-platform value, so GOARCH=$TARGETARCH is amd64 everywhere (#21 class 3; checked on dockerd 26)
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS=linux
ARG TARGETARCH=amd64
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/manager ./cmd
FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/manager /manager
ENTRYPOINT ["/manager"]

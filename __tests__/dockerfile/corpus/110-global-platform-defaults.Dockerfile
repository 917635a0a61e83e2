# pattern: Web app with an embedded UI: global ARG BUILDPLATFORM/TARGETPLATFORM/TARGETARCH defaults (meant for plain docker build) replace BuildKit's values; the final FROM --platform=$TARGETPLATFORM is always linux/amd64 and the stage's ARG TARGETARCH inherits amd64 (checked on dockerd 26)
# platforms: linux/amd64,linux/arm64
# expect: 13 build-arch-binary, 14 build-arch-binary
ARG BUILDPLATFORM=linux/amd64
ARG TARGETPLATFORM=linux/amd64
ARG TARGETOS=linux
ARG TARGETARCH=amd64
FROM --platform=$BUILDPLATFORM golang:1.23 AS api
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /app .
FROM --platform=$TARGETPLATFORM gcr.io/distroless/static:nonroot
COPY --from=api /app /app
ENTRYPOINT ["/app"]

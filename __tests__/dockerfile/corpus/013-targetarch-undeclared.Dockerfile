# pattern: Sidecar: GOARCH=$TARGETARCH but TARGETARCH never declared in the stage (empty)
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /sidecar .
FROM gcr.io/distroless/static
COPY --from=build /sidecar /sidecar

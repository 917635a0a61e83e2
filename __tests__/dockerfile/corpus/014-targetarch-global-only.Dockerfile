# pattern: Sidecar: TARGETARCH declared only before the first FROM, not re-declared in the stage
# expect: 7 build-arch-binary
ARG TARGETARCH
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=${TARGETARCH} go build -o /sidecar .
FROM gcr.io/distroless/static
COPY --from=build /sidecar /sidecar

# pattern: Exporter: a correct cross-compiling build stage, but the runtime stage also carries --platform=$BUILDPLATFORM (copied from the build stage's FROM): every image holds the build machine's alpine (#21 class 1)
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/exporter .
FROM --platform=$BUILDPLATFORM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /out/exporter /bin/exporter
ENTRYPOINT ["/bin/exporter"]

# pattern: Metrics exporter: a $BUILDPLATFORM stage declares ARG TARGETPLATFORM only to echo it ("building for …") and runs `make build-binary`, whose go build knows no target; the image copies the binary it runs: every platform gets the build machine's (#21 miss: a printed platform ARG sees nothing)
# platforms: linux/amd64,linux/arm64
# expect: 14 build-arch-binary
FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22-alpine AS build
ARG TARGETPLATFORM
ARG BUILDPLATFORM
RUN echo "running on $BUILDPLATFORM, building for $TARGETPLATFORM"
RUN apk add --no-cache git make bash build-base
WORKDIR /app
COPY . .
RUN make test && make build-binary
FROM alpine:3.20
RUN addgroup -S app && adduser -S -G app app
COPY --from=build /app/bin/exporter /bin/exporter
ENTRYPOINT ["/bin/exporter"]

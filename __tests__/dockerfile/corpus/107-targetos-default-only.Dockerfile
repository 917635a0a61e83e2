# pattern: Exporter: `ARG TARGETOS=linux TARGETARCH`: a default on TARGETOS only (linux either way); TARGETARCH is each platform's
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS=linux TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/exporter .
FROM gcr.io/distroless/static
COPY --from=build /out/exporter /exporter
ENTRYPOINT ["/exporter"]

# pattern: Exporter: ENV GOARCH from TARGETARCH (legacy ENV form)
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.21-alpine AS build
ARG TARGETARCH
ENV GOARCH $TARGETARCH
ENV CGO_ENABLED 0
WORKDIR /go/src/app
COPY . .
RUN go build -o /bin/exporter ./cmd/exporter
FROM alpine:3.19
COPY --from=build /bin/exporter /bin/exporter
ENTRYPOINT ["/bin/exporter"]

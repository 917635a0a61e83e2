# pattern: A Go service's builder runs on $BUILDPLATFORM and cross-compiles correctly (ARG TARGETARCH, GOARCH from it), but the same stage downloads a health-probe binary named `-linux-amd64` into /artifacts, and the image copies /artifacts: every image gets the amd64 probe; a protoc download into /opt/protoc, which the image does not copy, is a build tool and fine (#21, two rows of the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 9 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS builder
ARG TARGETARCH
ENV GOARCH=${TARGETARCH} GOOS=linux
RUN apk add --no-cache curl unzip
RUN mkdir /artifacts
RUN wget -qO/artifacts/grpc_health_probe https://example.invalid/grpc-health-probe/releases/download/v0.4.11/grpc_health_probe-linux-amd64 && \
    chmod +x /artifacts/grpc_health_probe
RUN curl -fsSLo /tmp/protoc.zip https://example.invalid/protobuf/releases/download/v25.1/protoc-25.1-linux-x86_64.zip && \
    unzip /tmp/protoc.zip -d /opt/protoc
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /artifacts/catalog ./cmd/catalog

FROM alpine:3.19
COPY --from=builder /artifacts /bin
ENTRYPOINT ["/bin/catalog"]

# pattern: Kubernetes component fork: global ARG TARGETARCH, go build on the target platform (right arch, but emulated)
# expect: 7 emulated-compile
ARG TARGETARCH
FROM golang:1.17 AS builder
RUN git clone --depth 1 https://example.invalid/autoscaler /src
WORKDIR /src/cluster-autoscaler
RUN CGO_ENABLED=0 GOOS=linux GOARCH=${TARGETARCH} go build -o cluster-autoscaler .
FROM alpine:3.19
COPY --from=builder /src/cluster-autoscaler/cluster-autoscaler /

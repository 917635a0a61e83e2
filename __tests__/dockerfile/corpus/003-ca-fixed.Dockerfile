# pattern: Kubernetes component (Cluster Autoscaler, fixed): GOARCH from TARGETARCH in the RUN
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.24 AS builder
ARG TARGETOS TARGETARCH
WORKDIR /workspace
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o cluster-autoscaler .
FROM gcr.io/distroless/static:nonroot
COPY --from=builder /workspace/cluster-autoscaler /cluster-autoscaler
CMD ["/cluster-autoscaler"]

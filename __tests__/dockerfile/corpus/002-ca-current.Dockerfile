# pattern: Kubernetes component (Cluster Autoscaler, current): ARG GOARCH re-declared, TARGETOS declared, GOARCH never assigned
# expect: 9 build-arch-binary
ARG BASEIMAGE=gcr.io/distroless/static:nonroot
FROM --platform=$BUILDPLATFORM golang:1.24 AS builder
ARG TARGETOS
ARG GOARCH
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=$TARGETOS go build -trimpath -o cluster-autoscaler-$GOARCH .
FROM $BASEIMAGE
ARG GOARCH
COPY --from=builder /workspace/cluster-autoscaler-$GOARCH /cluster-autoscaler
CMD ["/cluster-autoscaler"]

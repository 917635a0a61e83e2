# pattern: Kubernetes component (Cluster Autoscaler v1.32.6): GOARCH from an ARG with no value, used only in the -o path
# expect: 11 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.23 AS builder
WORKDIR /workspace
ARG GOARCH
ARG LDFLAGS_FLAG
ARG TAGS_FLAG
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -o cluster-autoscaler-$GOARCH $LDFLAGS_FLAG $TAGS_FLAG
FROM gcr.io/distroless/static:nonroot
ARG GOARCH
COPY --from=builder /workspace/cluster-autoscaler-$GOARCH /cluster-autoscaler
WORKDIR /
CMD ["/cluster-autoscaler"]

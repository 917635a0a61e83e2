# pattern: Kubernetes component fork: go build in a stage without --platform (runs under QEMU per target)
# expect: 6 emulated-compile
FROM golang:1.20 AS builder
WORKDIR /go/src/k8s.io/autoscaler
COPY . .
RUN cd cluster-autoscaler && go build --tags clusterapi -o ./cluster-autoscaler .
FROM debian:12-slim
COPY --from=builder /go/src/k8s.io/autoscaler/cluster-autoscaler/cluster-autoscaler /usr/bin/
CMD ["/usr/bin/cluster-autoscaler"]

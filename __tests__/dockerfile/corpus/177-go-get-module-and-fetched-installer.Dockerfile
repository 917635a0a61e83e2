# pattern: An edge orchestrator's API image: a cross-compiling builder that, in module mode, runs `go get` of a runtime package beside `go install tool@latest` (go get only edits go.mod there: no product is built), then builds the product with GOARCH=$TARGETARCH; the image installs helm with the vendor's installer, downloaded under another name in the same RUN (`curl -o get_helm.sh …/get-helm-3`), which is not a build script of the project (#21, the twelfth set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
ARG TARGETOS TARGETARCH
WORKDIR /workspace/api
COPY . .
RUN go install go.etcd.io/gofail@latest && \
    gofail enable ./pkg && go get go.etcd.io/gofail/runtime
RUN CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -o /dist/api .

FROM ubuntu:24.04
RUN apt-get update && apt-get install -y curl ca-certificates && \
    curl -fsSL -o get_helm.sh https://example.invalid/helm/scripts/get-helm-3 && \
    chmod +x get_helm.sh && ./get_helm.sh
COPY --from=build /dist/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]

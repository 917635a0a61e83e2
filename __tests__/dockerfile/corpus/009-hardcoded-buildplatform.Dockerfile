# pattern: Operator: GOARCH=amd64 hard-coded on $BUILDPLATFORM, copied into every target
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS builder
WORKDIR /workspace
COPY . .
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o manager .
FROM gcr.io/distroless/static:nonroot
COPY --from=builder /workspace/manager /manager
ENTRYPOINT ["/manager"]

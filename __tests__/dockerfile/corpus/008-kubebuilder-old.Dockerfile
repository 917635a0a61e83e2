# pattern: Older kubebuilder scaffold: GOARCH=amd64 hard-coded in a target-platform stage: emulated, and the arm64 and s390x images get the amd64 binary (#21 class 5)
# expect: 6 emulated-compile, 6 build-arch-binary
FROM golang:1.19 AS builder
WORKDIR /workspace
COPY . .
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -a -o manager main.go
FROM gcr.io/distroless/static:nonroot
COPY --from=builder /workspace/manager .
ENTRYPOINT ["/manager"]

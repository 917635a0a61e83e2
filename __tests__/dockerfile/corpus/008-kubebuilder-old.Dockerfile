# pattern: Older kubebuilder scaffold: GOARCH=amd64 hard-coded in an emulated stage (right for amd64 only, but emulated)
# expect: 6 emulated-compile
FROM golang:1.19 AS builder
WORKDIR /workspace
COPY . .
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -a -o manager main.go
FROM gcr.io/distroless/static:nonroot
COPY --from=builder /workspace/manager .
ENTRYPOINT ["/manager"]

# pattern: Change-stream service: an emulated build stage with `ARG GOARCH=amd64` (ARG values are in the RUN environment) builds each binary with `go build -o /go/bin/x` and then `go install`s it again; one ARG fixes both programs, so one wrong-arch finding (at the first build, naming the ARG), not four; every RUN compiles under QEMU (#21 false alarms; one finding per cause since the nineteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 9 emulated-compile, 9 build-arch-binary, 10 emulated-compile, 11 emulated-compile, 12 emulated-compile
FROM golang:1.22-alpine AS build
WORKDIR /go/src/app
COPY . ./
ARG CGO_ENABLED=0
ARG GOARCH=amd64
RUN go build -o /go/bin/main -ldflags '-s -w' ./cmd/main.go
RUN go install ./cmd/main.go
RUN go build -o /go/bin/health -ldflags '-s -w' ./cmd/health.go
RUN go install ./cmd/health.go
FROM alpine:3.20
COPY --from=build /go/bin/main /go/bin/health /go/bin/
ENTRYPOINT ["/go/bin/main"]

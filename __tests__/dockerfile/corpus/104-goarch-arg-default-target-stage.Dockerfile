# pattern: Agent: `ARG GOARCH=amd64` in a target-platform stage and no build-arg: emulated, and the arm64 and s390x images get an amd64 binary (#21 class 5)
# expect: 8 emulated-compile, 8 build-arch-binary
FROM golang:1.22 AS build
ARG GOOS=linux
ARG GOARCH=amd64
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/agent ./cmd/agent
FROM alpine:3.20
COPY --from=build /out/agent /usr/bin/agent
ENTRYPOINT ["/usr/bin/agent"]

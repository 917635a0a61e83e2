# pattern: Node agent: `FROM --platform=$BUILDPLATFORM base` where base is an earlier target-platform stage; BuildKit ignores the flag on a stage name, so the build runs under QEMU (checked on dockerd 26)
# expect: 9 emulated-compile
FROM golang:1.22-bookworm AS base
RUN apt-get update && apt-get install -y --no-install-recommends libsystemd-dev
FROM --platform=$BUILDPLATFORM base AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/agent ./cmd/agent
FROM debian:bookworm-slim
COPY --from=build /out/agent /usr/bin/agent
ENTRYPOINT ["/usr/bin/agent"]

# pattern: CLI tool: the only stage is FROM --platform=$BUILDPLATFORM and builds there; every image gets the build machine's binary and base (#21 class 1); one finding, at the compile, which names the base too
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/tool ./cmd/tool
ENTRYPOINT ["/usr/local/bin/tool"]

# pattern: CLI tool: the only stage is FROM --platform=$BUILDPLATFORM and builds there; every image gets the build machine's binary and base (#21 class 1); one finding, at the image's FROM (the cause), which names the compile too
# expect: 3 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/tool ./cmd/tool
ENTRYPOINT ["/usr/local/bin/tool"]

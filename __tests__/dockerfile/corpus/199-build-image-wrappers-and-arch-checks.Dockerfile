# pattern: A hardened build image ships its own `go build` wrapper (go-build-static.sh, not in the context) and go-assert-*.sh checks; the project's ARCH ARG is fixed to amd64 and reaches GOARCH through ENV, so every image gets amd64 binaries (the wrapper is a go build: emulated, and the wrong arch); a test of $ARCH that only decides whether to run a check picks nothing; a cloned repository's build script run as `sh -ex ./build_linux.sh` is a script that may compile (#21, the seventeenth set)
# platforms: linux/amd64,linux/arm64
# expect: 10 emulated-compile, 10 build-arch-binary, 18 hidden-compile
ARG GO_IMAGE=example/hardened-build-base:v1.22.5
FROM ${GO_IMAGE} AS builder
ARG ARCH=amd64
ENV GOARCH=${ARCH} GOOS=linux
WORKDIR /go/src/example.com/agent
COPY . .
RUN go-build-static.sh -gcflags=-trimpath=/go/src -o bin/agent ./cmd/agent
RUN go-assert-static.sh bin/*
RUN if [ "${ARCH}" = "amd64" ]; then \
        go-assert-boring.sh bin/agent ; \
    fi
RUN install -s bin/* /usr/local/bin

FROM ${GO_IMAGE} AS plugins
RUN git clone --depth=1 https://github.com/example/net-plugins /go/src/net-plugins && \
    cd /go/src/net-plugins && \
    sh -ex ./build_linux.sh -v

FROM example/runtime:1
COPY --from=builder /usr/local/bin/ /usr/local/bin/
COPY --from=plugins /go/src/net-plugins/bin/ /opt/cni/bin/
ENTRYPOINT ["/usr/local/bin/agent"]

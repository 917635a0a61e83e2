# pattern: A backup image that probes the machine into its own variable (`apkArch="$(uname -m)"`) and, in the aarch64 branch, names the amd64 driver packages (a copy-paste slip), in the same RUN that builds a Go client under emulation (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 5 emulated-compile, 5 build-arch-binary
FROM alpine:3.20
RUN apk add --no-cache go curl && \
    apkArch="$(uname -m)"; \
    case "$apkArch" in \
      x86_64) drv_arch=amd64 ;; \
      arm64 | aarch64 ) drv_arch=amd64 ;; \
      *) sleep 0 ;; \
    esac; \
    curl -fsSLO "https://example.invalid/odbc-driver_${drv_arch}.apk" && apk add --allow-untrusted ./odbc-driver_*.apk && \
    cd /src/client && go build -o /usr/local/bin/client .
ENTRYPOINT ["/usr/local/bin/client"]

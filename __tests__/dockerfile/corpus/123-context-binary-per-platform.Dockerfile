# pattern: Release tool whose binaries are built outside (goreleaser v2 style): the context holds one directory per platform and the image copies `$TARGETPLATFORM/tool`, plus an extensionless entrypoint script and a config file the same for all; nothing wrong (#21)
# expect: none
FROM alpine:3.20
ARG TARGETPLATFORM
RUN apk add --no-cache ca-certificates
COPY $TARGETPLATFORM/tool /usr/bin/tool
COPY docker/docker-entrypoint /usr/local/bin/docker-entrypoint
COPY config.yaml /etc/tool/config.yaml
ENTRYPOINT ["/usr/local/bin/docker-entrypoint"]
CMD ["tool", "serve"]

# pattern: goreleaser-style Dockerfile: binary built outside, COPY only
# expect: none
FROM alpine:3.19
RUN apk add --no-cache ca-certificates tzdata
COPY app /usr/bin/app
ENTRYPOINT ["/usr/bin/app"]

# pattern: goreleaser (v1 dockers) style Dockerfile: binary built outside, `COPY app /usr/bin/app`; right when each platform is built alone from its own context, wrong in one multi-platform build from one context (every image gets the same file): since #21 a finding, with the per-platform path as the fix (see 123)
# expect: 5 build-arch-binary
FROM alpine:3.19
RUN apk add --no-cache ca-certificates tzdata
COPY app /usr/bin/app
ENTRYPOINT ["/usr/bin/app"]

# pattern: Backup tool: the release workflow builds the binary on the runner and the Dockerfile ADDs it, `ADD ./backup /usr/local/bin/backup`, while the image is published for amd64 and arm64 from that one context: both images get the same file, at most one can run it (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*
ADD ./backup /usr/local/bin/backup
ENTRYPOINT ["/usr/local/bin/backup"]

# pattern: Dev-environment sync image: the tarball is picked by $TARGETARCH and checked per arch in an if/elif, then the agent is extracted by a fixed member name (`tar xz --to-stdout linux_amd64`): every image gets the amd64 agent (#21, a blind set of wrong-arch fix commits: the choice elsewhere in the RUN hid it)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
FROM alpine:3.20
ARG TARGETARCH
RUN V=0.17.6 && f="agent_linux_${TARGETARCH}_v${V}.tar.gz" && \
  wget "https://example.org/releases/v${V}/${f}" && \
  if [ "$TARGETARCH" = "amd64" ]; then echo "aaa ${f}" | sha256sum -c; \
  elif [ "$TARGETARCH" = "arm64" ]; then echo "bbb ${f}" | sha256sum -c; fi && \
  tar xzf ${f} --to-stdout agents.tar.gz | tar xz --to-stdout linux_amd64 > /usr/local/bin/agent && \
  chmod +x /usr/local/bin/agent
ENTRYPOINT ["/usr/local/bin/agent"]

# pattern: A social server's release zip fetched by `ADD …?job=${TARGETARCH}${TARGETVARIANT:+${TARGETVARIANT}l}` under `ARG TARGETARCH=amd64` (the default replaces buildx's value; the nested reference had hidden the arch word), a vendored x86-64 tini copied from the context to the name the ENTRYPOINT runs (`COPY utils/tini-v0.19.0 /usr/bin/tini`), and an exporter tarball named for amd64 brought by ADD and unpacked by the next RUN (one cause, at the ADD) (#21, the seventeenth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary, 16 build-arch-binary, 17 build-arch-binary
FROM ubuntu:22.04 AS unzip
RUN apt-get update && apt-get install -y --no-install-recommends unzip && rm -rf /var/lib/apt/lists/*
ARG TARGETARCH=amd64
ARG TARGETVARIANT=
ADD https://git.example.org/api/v4/projects/2/jobs/artifacts/stable/download?job=${TARGETARCH}${TARGETVARIANT:+${TARGETVARIANT}l} /tmp/release.zip
RUN mkdir -p /opt/server && unzip /tmp/release.zip -d /tmp && mv /tmp/release/* /opt/server

FROM debian:bookworm-slim
ENV EXPORTER_VERSION=1.6.1
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 && rm -rf /var/lib/apt/lists/*
COPY --from=unzip /opt/server /opt/server
RUN mkdir /exporter
COPY utils/tini-v0.19.0 /usr/bin/tini
ADD https://github.com/example/varnish_exporter/releases/download/${EXPORTER_VERSION}/varnish_exporter-${EXPORTER_VERSION}.linux-amd64.tar.gz /tmp
RUN cd /exporter && tar -xzf /tmp/varnish_exporter-${EXPORTER_VERSION}.linux-amd64.tar.gz && \
    ln -sf /exporter/varnish_exporter-${EXPORTER_VERSION}.linux-amd64/varnish_exporter varnish_exporter
ENTRYPOINT ["/usr/bin/tini", "--", "/opt/server/bin/server"]

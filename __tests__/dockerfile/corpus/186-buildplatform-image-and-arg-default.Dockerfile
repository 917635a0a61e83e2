# pattern: A Terraform toolbox's only stage is `FROM --platform=${BUILDPLATFORM} ubuntu` (every image holds the build machine's Ubuntu), and it also declares `ARG TARGETPLATFORM=linux/amd64` "for builds without buildx", which picks the amd64 download for every platform: two causes, and dropping --platform alone still ships amd64 terraform in the arm64 image (the upstream fix removed both) (#21, the thirteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 4 build-arch-binary, 9 build-arch-binary
FROM --platform=${BUILDPLATFORM} ubuntu:jammy-20240808
ARG TARGETPLATFORM=linux/amd64
ARG TF_VERSION=1.10.5
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip ca-certificates && rm -rf /var/lib/apt/lists/*
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
RUN if [ "${TARGETPLATFORM}" = "linux/arm64" ]; then ARCHITECTURE=arm64; else ARCHITECTURE=amd64; fi ; \
    curl -LsS "https://releases.hashicorp.com/terraform/${TF_VERSION}/terraform_${TF_VERSION}_linux_${ARCHITECTURE}.zip" -o /tmp/tf.zip ; \
    unzip /tmp/tf.zip -d /usr/bin && rm /tmp/tf.zip
ENTRYPOINT ["terraform"]

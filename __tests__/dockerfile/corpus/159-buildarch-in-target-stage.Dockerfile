# pattern: Terraform module scaffold image: the runner stage (built for each platform) declares ARG BUILDARCH and downloads Go, terraform and plugins `…_linux_${BUILDARCH}.zip`: the build machine's for every image; one finding for the ARG, at its last RUN (#21, a wrong-arch fix commit in a blind set)
# platforms: linux/amd64,linux/arm64
# expect: 5 emulated-compile, 12 build-arch-binary
FROM golang:1.22 AS build
RUN go install github.com/terraform-linters/tflint@v0.50.0
FROM mcr.microsoft.com/cbl-mariner/base/core:2.0
ARG BUILDARCH
ARG TERRAFORM_VERSION=1.7.0
COPY --from=build /go/bin/tflint /usr/local/bin/tflint
RUN curl -fsSL https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_${BUILDARCH}.zip -o tf.zip && \
    unzip tf.zip -d /usr/local/bin && rm tf.zip
RUN curl -fsSL https://go.dev/dl/go1.22.0.linux-${BUILDARCH}.tar.gz | tar -xz -C /usr/local
ENTRYPOINT ["terraform"]

# pattern: Controller image assembled from a prebuilt image: `FROM --platform=${BUILDPLATFORM} ${BUILDER_IMAGE} AS src` pins the already-built image to the build machine's platform, and the final stage copies its /manager: every platform gets the build machine's binary (#21 miss)
# platforms: linux/amd64,linux/arm64
# build-args: BUILDER_IMAGE=registry.example.invalid/controller:latest
# expect: 10 build-arch-binary
ARG BUILDER_IMAGE
FROM --platform=${BUILDPLATFORM} ${BUILDER_IMAGE} AS src
FROM registry.access.redhat.com/ubi9/ubi-minimal AS base
RUN microdnf install -y shadow-utils && microdnf clean all
FROM scratch
COPY --from=src /manager .
COPY --from=base /etc/passwd /etc/passwd
USER 65532:65532
ENTRYPOINT ["/manager"]

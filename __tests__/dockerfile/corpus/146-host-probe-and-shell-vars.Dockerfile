# pattern: Java service and a budgeting sync tool: a $BUILDPLATFORM stage that never sees the target picks the JDK by `dpkg --print-architecture` and jlinks it (the build machine's JRE in every image); a $BUILDPLATFORM Go stage writes `GOOS=$TARGETOS GOARCH=$TARGETARCH && go build`, shell variables go never sees (the build machine's binary); a target-stage download by a `linux/amd64` URL path (#21 misses)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary, 12 build-arch-binary, 16 build-arch-binary
FROM --platform=$BUILDPLATFORM ubuntu:24.04 AS jdk
RUN apt-get update && apt-get install -y curl binutils
RUN ARCH="$(dpkg --print-architecture)" && curl -fsSL "https://example.invalid/jdk21-linux-${ARCH}.tar.gz" | tar -xz -C /opt \
    && /opt/jdk/bin/jlink --add-modules java.base --output /opt/jre
FROM --platform=$BUILDPLATFORM golang:1.22 AS sync
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH && go build -o /out/sync .
FROM ubuntu:24.04
COPY --from=jdk /opt/jre /opt/jre
COPY --from=sync /out/sync /usr/local/bin/sync
RUN apt-get update && apt-get install -y curl \
    && curl -fsSL https://dl.example.invalid/release/v1.30.0/bin/linux/amd64/kubectl -o /usr/local/bin/kubectl
CMD ["/opt/jre/bin/java", "-jar", "/app.jar"]

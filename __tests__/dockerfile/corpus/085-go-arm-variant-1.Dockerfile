# pattern: Registry mirror: GOARM from TARGETVARIANT for arm/v7
# platforms: linux/amd64,linux/arm64,linux/arm/v7
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH TARGETVARIANT
WORKDIR /src
COPY . .
RUN if [ "$TARGETARCH" = arm ]; then export GOARM="${TARGETVARIANT#v}"; fi; \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app

# pattern: Release Makefile passes --build-arg GOARCH=amd64 to a multi-platform build
# build-args: GOARCH=amd64
# expect: 8 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG GOARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$GOARCH go build -o /bin/server .
FROM scratch
COPY --from=build /bin/server /server

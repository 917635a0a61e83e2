# pattern: Service: build output passed with RUN --mount=from into the runtime stage
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .
FROM alpine:3.19
RUN --mount=from=build,source=/out,target=/out cp /out/app /usr/local/bin/app

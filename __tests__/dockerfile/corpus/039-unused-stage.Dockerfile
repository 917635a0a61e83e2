# pattern: Multi-target file: an emulated compile in a stage the default target never uses
# expect: none
FROM golang:1.22 AS debug-build
RUN go build -gcflags "all=-N -l" -o /app-debug .
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETARCH
RUN GOARCH=$TARGETARCH go build -o /app .
FROM scratch
COPY --from=build /app /app

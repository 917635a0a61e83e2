# pattern: Service: heredoc RUN exporting GOARCH from TARGETARCH
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN <<EOF
set -e
export GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0
go build -o /svc .
EOF
FROM scratch
COPY --from=build /svc /svc

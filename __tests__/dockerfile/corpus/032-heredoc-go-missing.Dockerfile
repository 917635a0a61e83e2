# pattern: Service: heredoc RUN that sets GOOS only
# expect: 7 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
WORKDIR /src
COPY . .
RUN <<EOF
set -e
export GOOS=$TARGETOS CGO_ENABLED=0
go build -o /svc .
EOF
FROM scratch
COPY --from=build /svc /svc

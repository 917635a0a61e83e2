# pattern: Small service: sh -c around go build on the build platform, no GOARCH
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN sh -c "CGO_ENABLED=0 go build -o /svc ."
FROM scratch
COPY --from=build /svc /svc

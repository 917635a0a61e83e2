# pattern: Buildx project: tonistiigi/xx with xx-go --wrap
# expect: none
FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build
COPY --from=xx / /
ARG TARGETPLATFORM
RUN xx-apk add musl-dev gcc
ENV CGO_ENABLED=1
WORKDIR /src
COPY . .
RUN xx-go --wrap && go build -o /out/app . && xx-verify /out/app
FROM alpine:3.19
COPY --from=build /out/app /app

# pattern: Config reloader: ENV GOOS/GOARCH from the target, then go build
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.21-alpine AS build
ARG TARGETOS TARGETARCH
ENV CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH}
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app
FROM alpine:3.19
COPY --from=build /out/app /usr/bin/app

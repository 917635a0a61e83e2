# pattern: A builder pinned to amd64 hands ${TARGETPLATFORM} to its build script one line before it declares ARG TARGETPLATFORM: in that RUN the value is empty, the script falls back to linux/amd64, and the arm64 image copies an amd64 program (#21, the eighteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM --platform=linux/amd64 golang:1.22-alpine AS builder
RUN apk add --no-cache bash git
WORKDIR /src
COPY . .
RUN bash ./cross-build.sh ${TARGETPLATFORM}
ARG TARGETPLATFORM

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=builder /src/tunnel /usr/local/bin/tunnel
ENTRYPOINT ["/usr/local/bin/tunnel"]

# pattern: Webhook: ARG ARCH=${TARGETARCH:-amd64} passed to GOARCH
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETARCH
ARG ARCH=${TARGETARCH:-amd64}
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$ARCH GOOS=linux go build -o /webhook .
FROM gcr.io/distroless/static
COPY --from=build /webhook /webhook

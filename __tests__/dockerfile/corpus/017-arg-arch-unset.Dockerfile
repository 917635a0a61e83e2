# pattern: Webhook: GOARCH=$ARCH with ARG ARCH that has no value
# expect: 7 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG ARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOARCH=$ARCH GOOS=linux go build -o /webhook .
FROM gcr.io/distroless/static
COPY --from=build /webhook /webhook

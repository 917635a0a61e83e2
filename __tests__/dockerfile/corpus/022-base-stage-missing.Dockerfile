# pattern: Monorepo: shared base stage sets GOOS but not GOARCH
# expect: 9 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS base
ARG TARGETOS
ENV GOOS=$TARGETOS CGO_ENABLED=0
WORKDIR /src
COPY . .
FROM base AS api
RUN go build -o /out/api ./cmd/api
FROM gcr.io/distroless/static
COPY --from=api /out/api /api

# pattern: Monorepo: GOOS/GOARCH set as ENV in a shared base stage, several binaries built FROM it
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS base
ARG TARGETOS TARGETARCH
ENV GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0
WORKDIR /src
COPY . .
FROM base AS api
RUN go build -o /out/api ./cmd/api
FROM base AS worker
RUN go build -o /out/worker ./cmd/worker
FROM gcr.io/distroless/static
COPY --from=api /out/api /api
COPY --from=worker /out/worker /worker

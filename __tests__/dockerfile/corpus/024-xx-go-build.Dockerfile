# pattern: Buildx project: xx-go build directly
# expect: none
FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 xx-go build -o /out/app ./cmd/app
FROM scratch
COPY --from=build /out/app /app

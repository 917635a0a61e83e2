# pattern: Cron runner: build-platform stage with GOOS only
# expect: 7 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app

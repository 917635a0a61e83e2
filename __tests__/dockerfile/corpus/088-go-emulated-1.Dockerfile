# pattern: Static file server: go build in a stage without --platform (emulated for arm64 and s390x)
# expect: 6 emulated-compile
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .
FROM alpine:3.19
COPY --from=build /out/app /app

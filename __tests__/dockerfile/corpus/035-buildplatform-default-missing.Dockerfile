# pattern: Tool: FROM --platform=${BUILDPLATFORM:-linux/amd64}, no GOARCH
# expect: 6 build-arch-binary
FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /tool .
FROM scratch
COPY --from=build /tool /tool

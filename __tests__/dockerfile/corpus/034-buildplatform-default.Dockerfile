# pattern: Tool: FROM --platform=${BUILDPLATFORM:-linux/amd64}, GOARCH from TARGETARCH
# expect: none
FROM --platform=${BUILDPLATFORM:-linux/amd64} golang:1.22 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /tool .
FROM scratch
COPY --from=build /tool /tool

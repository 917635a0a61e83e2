# pattern: Code generator: go install tool@version on the build platform, run in the same stage
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
RUN go install github.com/golang/mock/mockgen@v1.6.0
WORKDIR /src
COPY . .
RUN go generate ./... && CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/svc .
FROM gcr.io/distroless/static
COPY --from=build /out/svc /svc

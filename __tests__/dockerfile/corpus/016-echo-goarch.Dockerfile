# pattern: Build log helper: echo $GOARCH before a go build, GOARCH never set
# expect: 7 build-arch-binary
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN echo "building for ${GOARCH:-unknown}" && go build -o /app .
FROM scratch
COPY --from=build /app /app

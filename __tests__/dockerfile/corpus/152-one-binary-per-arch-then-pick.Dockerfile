# pattern: Auth server: a build step makes one binary per arch with a fixed GOARCH each (`-o server_linux_amd64`, `-o server_linux_arm64`), and the image copies `server_${TARGETOS}_${TARGETARCH}`: artefacts named by arch, not a fixed GOARCH (#21 false alarm: the last assignment was taken for the build's arch)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.25 AS back
WORKDIR /go/src/app
COPY . .
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o server_linux_amd64 . && \
    CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -o server_linux_arm64 .
FROM alpine:3.22
ARG TARGETOS
ARG TARGETARCH
COPY --from=back /go/src/app/server_${TARGETOS}_${TARGETARCH} /server
ENTRYPOINT ["/server"]

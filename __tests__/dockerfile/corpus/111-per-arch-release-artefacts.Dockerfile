# pattern: CLI release artefacts: one stage per OS and arch with a fixed GOOS/GOARCH, each output named after it; the image is scratch holding them all (correct: the artefacts are the point)
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.23 AS src
WORKDIR /src
COPY . .
FROM src AS build-linux-amd64
ENV GOOS=linux GOARCH=amd64
RUN go build -o /out/tool-linux-amd64 ./cmd/tool
FROM src AS build-linux-arm64
ENV GOOS=linux GOARCH=arm64
RUN go build -o /out/tool-linux-arm64 ./cmd/tool
FROM src AS build-darwin
ENV GOOS=darwin GOARCH=arm64
RUN go build -o /out/tool-darwin ./cmd/tool
FROM scratch
COPY --from=build-linux-amd64 /out/ /
COPY --from=build-linux-arm64 /out/ /
COPY --from=build-darwin /out/ /

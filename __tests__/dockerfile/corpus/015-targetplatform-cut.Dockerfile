# pattern: Agent: GOARCH cut out of TARGETPLATFORM
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.21 AS build
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN export GOOS=$(echo ${TARGETPLATFORM} | cut -d / -f1) && export GOARCH=$(echo ${TARGETPLATFORM} | cut -d / -f2) && go build -o /agent .
FROM alpine:3.19
COPY --from=build /agent /agent

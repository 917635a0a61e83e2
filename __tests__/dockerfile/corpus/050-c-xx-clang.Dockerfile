# pattern: C tool: xx-clang on the build platform
# expect: none
FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx
FROM --platform=$BUILDPLATFORM alpine:3.19 AS build
COPY --from=xx / /
RUN apk add clang lld
ARG TARGETPLATFORM
RUN xx-apk add gcc musl-dev
COPY hello.c .
RUN xx-clang -o /hello hello.c && xx-verify /hello
FROM scratch
COPY --from=build /hello /hello

# pattern: Runtime-only image: COPY of a prebuilt binary, no compile
# expect: none
FROM gcr.io/distroless/static:nonroot
ARG TARGETARCH
COPY dist/app-linux-${TARGETARCH} /app
ENTRYPOINT ["/app"]

# pattern: A game server's global `ARG TARGETPLATFORM=linux/amd64` (the comment says "default for local builds") is read by the image's `FROM --platform=${TARGETPLATFORM}` and by the builder's `case` that picks the .NET runtime identifier: every image is amd64's, one cause, one finding at the FROM (the `case` is named in it); the fix removes the default (#21, the sixteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 18 build-arch-binary
ARG TARGETPLATFORM=linux/amd64
ARG BUILDPLATFORM=${TARGETPLATFORM}
FROM --platform=${BUILDPLATFORM} mcr.microsoft.com/dotnet/sdk:8.0 AS builder
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN dotnet build -v m
RUN case "${TARGETPLATFORM}" in \
      "linux/amd64") export RID=linux-x64 ;; \
      "linux/arm64") export RID=linux-arm64 ;; \
      *) exit 1 ;; \
    esac && \
    dotnet publish -o /out -r "$RID" --self-contained false

FROM --platform=${TARGETPLATFORM} mcr.microsoft.com/dotnet/runtime:8.0
WORKDIR /server
COPY --from=builder /out ./
ENTRYPOINT ["./Server"]

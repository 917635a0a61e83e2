# pattern: A download client's image: the .NET runtime is picked by `if [ "$TARGETPLATFORM" = "linux/arm/v7" ] … elif [ … = "linux/arm/v8" ] … else <x64 tarball>`; buildx says linux/arm64 for arm64, which no test names, so the arm64 image takes the else and gets the x64 runtime (exec format error). The backend publishes one runtime per branch of the same chain (a choice by the platform, not a fixed runtime), on an SDK tag published for amd64 (#21, the twelfth set)
# platforms: linux/amd64,linux/arm64
# expect: 20 build-arch-binary
FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim-amd64 AS backend
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN if [ "$TARGETPLATFORM" = "linux/arm/v7" ] ; then \
      dotnet publish -r linux-arm -c Release -o /out ; \
    elif [ "$TARGETPLATFORM" = "linux/arm/v8" ] ; then \
      dotnet publish -r linux-arm64 -c Release -o /out ; \
    else \
      dotnet publish -c Release -o /out ; \
    fi

FROM alpine:3.18
ARG TARGETPLATFORM
RUN apk add --no-cache icu-libs krb5-libs libgcc libintl libstdc++ zlib && mkdir -p /usr/share/dotnet
WORKDIR /usr/share/dotnet
RUN \
   if [ "$TARGETPLATFORM" = "linux/arm/v7" ] ; then \
      wget https://example.invalid/dotnet/aspnetcore-runtime-8.0.0-linux-musl-arm.tar.gz && \
      tar zxf aspnetcore-runtime-8.0.0-linux-musl-arm.tar.gz ; \
   elif [ "$TARGETPLATFORM" = "linux/arm/v8" ] ; then \
      wget https://example.invalid/dotnet/aspnetcore-runtime-8.0.0-linux-musl-arm64.tar.gz && \
      tar zxf aspnetcore-runtime-8.0.0-linux-musl-arm64.tar.gz ; \
   else \
      wget https://example.invalid/dotnet/aspnetcore-runtime-8.0.0-linux-musl-x64.tar.gz && \
      tar zxf aspnetcore-runtime-8.0.0-linux-musl-x64.tar.gz ; \
   fi
RUN case "$(uname -m)" in \
      x86_64|amd64) A=x64 ;; \
      aarch64) A=arm64 ;; \
      *) A=x64 ;; \
    esac && wget -q "https://example.invalid/tool-linux-$A.tar.gz"
COPY --from=backend /out /app
ENTRYPOINT ["/usr/share/dotnet/dotnet", "/app/App.dll"]

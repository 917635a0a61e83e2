# pattern: A .NET web app publishes self-contained with `--runtime linux-x64` in an SDK stage built for each platform (no --platform): the arm64 image's chiseled runtime gets an x64 app (and the publish runs under QEMU); the fixed project's other Dockerfile publishes FROM --platform=$BUILDPLATFORM with `-a $TARGETARCH`, which is right (#21, a wrong-arch fix commit in the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 7 emulated-compile, 7 build-arch-binary
FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS publish
WORKDIR /src
COPY . .
RUN dotnet restore --runtime linux-x64 && dotnet publish "./UI/App.csproj" -c Release \
    -o /app/publish --no-restore --runtime linux-x64 --self-contained true /p:PublishTrimmed=true

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS worker
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN dotnet publish ./Worker/Worker.csproj -c Release -a $TARGETARCH -o /app/worker

FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled-extra
WORKDIR /app
COPY --from=publish /app/publish .
COPY --from=worker /app/worker ./worker
ENTRYPOINT ["./App"]

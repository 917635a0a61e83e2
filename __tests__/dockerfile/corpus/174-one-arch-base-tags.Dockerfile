# pattern: A .NET workflow server builds with `sdk:6.0-bullseye-slim-amd64` (a tag published for amd64 only: BuildKit runs it as amd64 for every platform, so nothing is emulated, and its publish is IL with UseAppHost=false) and runs on `aspnet:6.0-bullseye-slim-amd64`: the arm64 image holds the amd64 runtime, found at the final FROM only (#21, a wrong-arch fix commit in the eleventh set)
# platforms: linux/amd64,linux/arm64
# expect: 12 build-arch-binary
FROM mcr.microsoft.com/dotnet/sdk:6.0-bullseye-slim-amd64 AS build
WORKDIR /source
COPY ./src/. ./src
RUN dotnet restore ./src/Server/Server.csproj
WORKDIR /source/src/Server
RUN dotnet build Server.csproj -c Release -o /app/build
RUN dotnet publish Server.csproj -c Release -o /app/publish /p:UseAppHost=false --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:6.0-bullseye-slim-amd64 AS final
WORKDIR /app
COPY --from=build /app/publish ./
ENTRYPOINT ["dotnet", "Server.dll"]

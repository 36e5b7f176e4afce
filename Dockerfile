# The app image for docker-compose.yml. Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish FlashSaleUI/FlashSaleUI.csproj -c Release -o /app -v q

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# librdkafka comes with the app (librdkafka.redist, runtimes/linux-x64/native); curl is for the health check
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV FLASHSALE_URLS=http://0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "FlashSaleUI.dll"]

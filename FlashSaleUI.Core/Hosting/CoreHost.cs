using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSaleUI.Core.Hosting;

/// <summary>An app instance without the web part: Core's services and its hosted relay, sink and reconciler, for
/// the benchmark and the pipeline tests (several can run in one process, like several app instances).</summary>
public static class CoreHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(logLevel);
        builder.Services.AddFlashSaleCore();
        var host = builder.Build();
        await host.Services.InitializeFlashSaleAsync();
        await host.StartAsync();
        return host;
    }
}

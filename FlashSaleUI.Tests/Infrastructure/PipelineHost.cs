using FlashSaleUI.Core.Hosting;
using Microsoft.Extensions.Hosting;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>An app instance without the web part: Core's services and hosted relay / sink / reconciler against real
/// servers. Several can run side by side, like several app instances.</summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private PipelineHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<PipelineHost> StartAsync(string redis, string postgres, string kafka,
        IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis,
            ["ConnectionStrings:Postgres"] = postgres,
            ["Kafka:BootstrapServers"] = kafka,
            ["Kafka:SessionTimeoutMs"] = "6000",
            ["Pipeline:ReclaimIdleMs"] = "1000",
            ["Pipeline:ReconcilerEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        return new PipelineHost(await CoreHost.StartAsync(config));
    }

    /// <summary>A crash: no draining, no graceful stop; whatever was in flight is abandoned.</summary>
    public void Kill()
    {
        _stopped = true;
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await _host.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        _host.Dispose();
    }
}

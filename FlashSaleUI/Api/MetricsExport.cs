using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FlashSaleUI.Api;

/// <summary>The app's meters (claims by outcome and their latency, relay, sink, dead letters, backlog, repairs) and
/// ASP.NET Core's own, for ops: a Prometheus scrape at /metrics (operators only: HTTP Basic in the scrape config),
/// and OTLP push when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OpenTelemetry variables apply).</summary>
public static class MetricsExport
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("flashsale-ui", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ClaimMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting",
                        // the runtime's own: GC heap sizes per generation, working set, thread pool, lock contention
                        "System.Runtime")
                    .AddView("flashsale.claim.duration", new ExplicitBucketHistogramConfiguration
                    {
                        Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
                    })
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) metrics.AddOtlpExporter();
            });
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsExport(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(FlashSaleUI.Security.Operators.OperatorSecurity.ViewerPolicy);
        return app;
    }
}

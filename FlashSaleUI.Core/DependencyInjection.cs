using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Pipeline;
using FlashSaleUI.Core.Persistence;
using FlashSaleUI.Core.Redis;
using FlashSaleUI.Core.Stats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace FlashSaleUI.Core;

public static class DependencyInjection
{
    /// <summary>Registers the domain services and their Redis / PostgreSQL edges.</summary>
    public static IServiceCollection AddFlashSaleCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FlashSaleOptions>(configuration.GetSection(FlashSaleOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();

        // Connection strings are read when first needed, so configuration added later (tests, hosts) applies.
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnector.Connect(
            Required(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionNames.Redis), "ConnectionStrings__Redis")));
        services.AddSingleton<RedisScripts>();
        services.AddSingleton<ClaimMetrics>();
        services.AddSingleton<IClaimService, RedisClaimService>();
        services.AddSingleton<ILiveEventStore, RedisLiveEventStore>();

        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(
            Required(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionNames.Postgres), "ConnectionStrings__Postgres")).Build());
        services.AddDbContextFactory<FlashSaleDbContext>((sp, options) => options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IEventStore, PostgresEventStore>();
        services.AddSingleton<EventService>();
        services.AddSingleton<StatsPublisher>();
        services.AddSingleton<IStatsFeed>(sp => sp.GetRequiredService<StatsPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<StatsPublisher>());

        services.Configure<KafkaOptions>(configuration.GetSection(KafkaOptions.Section));
        services.Configure<PipelineOptions>(configuration.GetSection(PipelineOptions.Section));
        services.AddSingleton<KafkaBootstrap>();
        services.AddSingleton<KafkaClients>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<CouponIssueWriter>();
        services.AddSingleton<DeadLetterService>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<CouponSink>();
        services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());

        // AddCheck<T> reuses a registered instance: one Kafka admin client for every /health call, not one per call
        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis")
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<KafkaHealthCheck>("kafka");
        return services;
    }

    /// <summary>Brings the schema up to date and places every event in Redis. Run once before serving.</summary>
    public static async Task InitializeFlashSaleAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        _ = services.GetRequiredService<KafkaBootstrap>().Servers; // start (and announce) the embedded broker first
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(ct);
        await services.GetRequiredService<EventService>().PlaceAllAsync(ct);
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{name} is not set. ./run.sh sets it for local servers.")
            : value;
}

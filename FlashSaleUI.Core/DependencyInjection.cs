using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Coupons;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Hosting;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Members;
using FlashSaleUI.Core.Persistence;
using FlashSaleUI.Core.Pipeline;
using FlashSaleUI.Core.Redis;
using FlashSaleUI.Core.Stats;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace FlashSaleUI.Core;

/// <summary>What Core provides, one method per capability. Longer than 150 lines on purpose: it is the one list of
/// what the app is made of, read top to bottom.</summary>
public static class DependencyInjection
{
    /// <summary>Everything Core provides, capability by capability (each is one method below).</summary>
    public static IServiceCollection AddFlashSaleCore(this IServiceCollection services) =>
        services.AddCoreHosting()
            .AddRedisConnection()
            .AddPostgres()
            .AddClaims()
            .AddEventStore()
            .AddCoupons()
            .AddLiveStats()
            .AddCouponPipeline()
            .AddMemberTickets()
            .AddDependencyHealthChecks();

    /// <summary>Options, the clock, metrics, and how background services fail and stop.</summary>
    public static IServiceCollection AddCoreHosting(this IServiceCollection services)
    {
        services.AddSettings<FlashSaleOptions>(FlashSaleOptions.Section);
        services.Configure<HostOptions>(o =>
        {
            // A background service that fails must never take the claims down with it: each of ours logs, says so on
            // the dashboard and recovers by itself, so an exception escaping one is ignored, deliberately.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
            // On SIGTERM the relay and the sink drain together (the sink waits for what the relay still sends).
            o.ServicesStopConcurrently = true;
            o.ShutdownTimeout = TimeSpan.FromSeconds(20);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        return services;
    }

    /// <summary>The Redis connection and the Lua scripts. Connection strings are read when first needed, so
    /// configuration added later (tests, hosts) applies.</summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnector.Connect(
            Required(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionNames.Redis), "ConnectionStrings__Redis")));
        services.AddSingleton<RedisScripts>();
        return services;
    }

    /// <summary>The PostgreSQL data source, the schema migrations, the DbContext and Data Protection's key store.</summary>
    public static IServiceCollection AddPostgres(this IServiceCollection services)
    {
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(
            Required(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionNames.Postgres),
                "ConnectionStrings__Postgres")).Build());
        // pooled: a context per call costs a reset, not a new context (docs/BENCHMARKS.md "The record")
        services.AddPooledDbContextFactory<FlashSaleDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        // Identity's stores and Data Protection take the context from the scope
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<FlashSaleDbContext>>().CreateDbContext());
        // Data Protection's keys in PostgreSQL: cookies, antiforgery tokens and the ticket keys' secrets survive
        // restarts and are read by every instance
        services.AddDataProtection().SetApplicationName("FlashSaleUI").PersistKeysToDbContext<FlashSaleDbContext>();
        services.AddSingleton<DatabaseLock>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>The atomic claim (claim.lua) and its metrics.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.AddSingleton<ClaimMetrics>();
        services.AddSingleton<IClaimService, RedisClaimService>();
        services.AddSingleton<MemberClaims>();
        services.AddSingleton<IMemoryAnswersSource, RedisMemoryAnswersSource>();
        services.AddHostedSingleton<SoldOutShortcut>();
        services.AddSingleton<KnownWinners>();
        services.AddHostedSingleton<RefusalTally>();
        return services;
    }

    /// <summary>Events: the record (PostgreSQL), the live state (Redis), the audit trail, and the guard that keeps
    /// the two agreeing.</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services)
    {
        services.AddSingleton<IEventStore, PostgresEventStore>();
        services.AddSingleton<ILiveEventStore, RedisLiveEventStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<EventReads>();
        services.AddSingleton<EventCommands>();
        services.AddSettings<LiveStateOptions>(LiveStateOptions.Section);
        services.AddSingleton<LiveStateGuard>();
        // Redis losing data is noticed while the app runs, not only at its next start: one PostgreSQL query plus one
        // Redis call per active event
        services.AddPeriodicWork<LiveStateGuard>("Checking the live state of events",
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptionsMonitor<LiveStateOptions>>().CurrentValue.CheckSeconds),
            (guard, ct) => guard.CheckActiveAsync(ct));
        return services;
    }

    /// <summary>Reading stored coupons: lookups, the winners list, the CSV export.</summary>
    public static IServiceCollection AddCoupons(this IServiceCollection services) =>
        services.AddSingleton<IStoredCoupons, PostgresStoredCoupons>();

    /// <summary>The live feed of each watched event's numbers (one sampler per instance).</summary>
    public static IServiceCollection AddLiveStats(this IServiceCollection services)
    {
        services.AddSingleton<IStatsFeed>(sp => sp.GetRequiredService<StatsPublisher>());
        services.AddHostedSingleton<StatsPublisher>();
        return services;
    }

    /// <summary>Outbox -> Kafka -> PostgreSQL: the relay, the sink, dead letters and reconciliation.</summary>
    public static IServiceCollection AddCouponPipeline(this IServiceCollection services)
    {
        services.AddSettings<KafkaOptions>(KafkaOptions.Section);
        services.AddSettings<PipelineOptions>(PipelineOptions.Section);
        services.AddSingleton<KafkaBootstrap>();
        services.AddSingleton<KafkaClients>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<PipelineDrain>();
        services.AddSingleton<ICouponBatchStore, PostgresCouponBatchStore>();
        services.AddSingleton<IDeadLetters, PostgresDeadLetters>();
        services.AddSingleton<DeadLetterService>();
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<CouponSink>();
        services.AddHostedSingleton<Reconciler>();
        return services;
    }

    /// <summary>Member tickets: the signing keys shared through PostgreSQL, rotated by every instance.</summary>
    public static IServiceCollection AddMemberTickets(this IServiceCollection services)
    {
        services.AddSettings<MembersOptions>(MembersOptions.Section);
        services.AddSingleton<ITicketKeyStore, PostgresTicketKeyStore>();
        services.AddSingleton<TicketKeyRing>();
        services.AddSingleton<MemberTickets>();
        // read every TicketKeyRefresh, rotated when due; while PostgreSQL is unreachable the keys read last stay in use
        services.AddPeriodicWork<TicketKeyRing>("Reading the member ticket keys",
            sp => sp.GetRequiredService<IOptionsMonitor<MembersOptions>>().CurrentValue.TicketKeyRefresh,
            (keys, ct) => keys.RefreshAsync(ct));
        return services;
    }

    /// <summary>/health's checks of Redis, PostgreSQL and Kafka. AddCheck&lt;T&gt; reuses a registered instance: one
    /// Kafka admin client for every /health call, not one per call.</summary>
    public static IServiceCollection AddDependencyHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<KafkaHealthCheck>();
        // Redis and PostgreSQL: the AspNetCore.HealthChecks packages, on the app's own connection and data source
        services.AddHealthChecks()
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", timeout: TimeSpan.FromSeconds(2))
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgres", timeout: TimeSpan.FromSeconds(2))
            .AddCheck<KafkaHealthCheck>("kafka");
        return services;
    }

    /// <summary>Brings the schema up to date and makes Redis agree with the record for every active event (placing
    /// what is missing, rebuilding what Redis lost). Run once before serving.</summary>
    public static async Task InitializeFlashSaleAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        _ = services.GetRequiredService<KafkaBootstrap>().Servers; // start (and announce) the embedded broker first
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await services.GetRequiredService<TicketKeyRing>().RefreshAsync(ct);
        await services.GetRequiredService<LiveStateGuard>().CheckActiveAsync(ct);
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{name} is not set. ./run.sh sets it for local servers.")
            : value;

    /// <summary>A background service that other services also use: one instance, registered as both.</summary>
    public static IServiceCollection AddHostedSingleton<T>(this IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        return services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}

using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>Claims are limited per client address (middleware, before the body is read) and per member and event
/// (after validation, so the partition key is built only from a valid code and member id). Limits are per app
/// instance; with N instances behind a balancer a client gets up to N times as much.</summary>
public static class ClaimRateLimiting
{
    public const string ByAddressPolicy = "claims-by-address";

    public static IServiceCollection AddClaimRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MemberClaimLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, ct) => RateLimitedResponse.WriteAsync(ctx.HttpContext, ctx.Lease, ct);
            o.AddPolicy(ByAddressPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<FlashSaleOptions>>().CurrentValue.RateLimit;
                if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PerAddressBurst,
                    TokensPerPeriod = limits.PerAddressPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.AddCouponLookupPolicy();
        });
        return services;
    }
}

/// <summary>Limits how often one member may claim on one event.</summary>
public sealed class MemberClaimLimiter(IOptions<FlashSaleOptions> options) : IDisposable
{
    private readonly RateLimitOptions _limits = options.Value.RateLimit;
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RateLimit.PerMemberPermits,
            Window = TimeSpan.FromSeconds(options.Value.RateLimit.PerMemberWindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>False when the member has used up their claims on this event for now.</summary>
    public bool TryAcquire(EventCode code, MemberId member, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_limits.Enabled) return true;
        using var lease = _limiter.AttemptAcquire($"{code.Value}/{member.Value}");
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}

public static class RateLimitedResponse
{
    public static ValueTask WriteAsync(HttpContext http, RateLimitLease lease, CancellationToken ct) =>
        WriteAsync(http, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1), ct);

    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString();
        await http.Response.WriteAsJsonAsync(new { status = "rateLimited", retryAfterSeconds = seconds }, ct);
    }
}

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

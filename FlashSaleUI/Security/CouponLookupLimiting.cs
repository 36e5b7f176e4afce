using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>A coupon lookup answers "what is this member's code": anyone who knows a member id could ask, so one
/// address gets a handful a minute (enough for a member checking their own), never enough to walk a member list.</summary>
public static class CouponLookupLimiting
{
    public const string Policy = "coupon-lookups-by-address";

    public static RateLimiterOptions AddCouponLookupPolicy(this RateLimiterOptions options)
    {
        options.AddPolicy(Policy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<FlashSaleOptions>>().CurrentValue.RateLimit;
            if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.LookupsPerAddressBurst,
                TokensPerPeriod = limits.LookupsPerAddressPerMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        return options;
    }
}

using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>A rate-limit policy of one token bucket per client address, sized from the current RateLimit options and
/// off when they say so (load tests from one address).</summary>
public static class AddressTokenBucket
{
    public static RateLimiterOptions AddAddressTokenBucket(this RateLimiterOptions options, string policy,
        Func<RateLimitOptions, (int Burst, int PerPeriod)> size, TimeSpan period)
    {
        options.AddPolicy(policy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<FlashSaleOptions>>().CurrentValue.RateLimit;
            if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
            var (burst, perPeriod) = size(limits);
            return RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perPeriod,
                    ReplenishmentPeriod = period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        return options;
    }
}

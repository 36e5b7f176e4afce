using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

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

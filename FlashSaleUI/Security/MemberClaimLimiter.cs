using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>Limits how often one member may claim on one event. The limits are read as they are now (a changed
/// setting applies to members' next windows), like the per-address limits.</summary>
public sealed class MemberClaimLimiter(IOptionsMonitor<FlashSaleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.CurrentValue.RateLimit.PerMemberPermits,
            Window = TimeSpan.FromSeconds(options.CurrentValue.RateLimit.PerMemberWindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>False when the member has used up their claims on this event for now.</summary>
    public bool TryAcquire(EventCode code, MemberId member, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.CurrentValue.RateLimit.Enabled) return true;
        using var lease = _limiter.AttemptAcquire($"{code.Value}/{member.Value}");
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}

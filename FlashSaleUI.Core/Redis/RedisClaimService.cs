using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Events;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

/// <summary>A claim is one EVALSHA of claim.lua: the check and the write happen inside Redis, atomically.</summary>
public sealed class RedisClaimService(IConnectionMultiplexer redis, RedisScripts scripts, ClaimMetrics metrics) : IClaimService
{
    public async Task<ClaimResult> ClaimAsync(EventCode code, MemberId member)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var keys = EventKeys.For(code);
        var claimId = ClaimId.New();
        var result = await scripts.Claim.EvaluateAsync(redis.GetDatabase(),
            [keys.Stock, keys.Grants, keys.Window, keys.Outcomes, keys.Outbox],
            [member.Value, claimId]).ConfigureAwait(false);
        var claim = ClaimResult.FromScript((long)result, claimId);
        metrics.Record(claim.Status, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return claim;
    }
}

using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Events;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

public sealed class RedisLiveEventStore(IConnectionMultiplexer redis, RedisScripts scripts) : ILiveEventStore
{
    public async Task<Placement> PlaceAsync(FlashSaleEvent sale, IReadOnlyCollection<Grant>? grants = null, bool last = true)
    {
        var keys = EventKeys.For(sale.Code);
        var db = redis.GetDatabase();
        var result = (RedisResult[])(await scripts.PlaceEvent.EvaluateAsync(db, [keys.Stock, keys.Window, keys.Grants],
        [
            sale.Stock,
            sale.OpensAt?.ToUnixTimeMilliseconds().ToString() ?? "",
            sale.ClosesAt?.ToUnixTimeMilliseconds().ToString() ?? "",
            sale.ClosedAt is null ? "" : "1",
            sale.Version,
            last ? "1" : "0",
            .. (grants ?? []).SelectMany(g => new RedisValue[] { g.MemberId, g.ClaimId }),
        ]).ConfigureAwait(false))!;
        await db.SetAddAsync(EventKeys.Registry, sale.Code.Value).ConfigureAwait(false); // the relay walks it
        await redis.GetSubscriber().PublishAsync(EventKeys.Changes, sale.Code.Value).ConfigureAwait(false);
        return new Placement((PlacementChange)(long)result[0], (long)result[1], (long)result[2]);
    }

    public async Task<LiveCounters?> ReadAsync(EventCode code)
    {
        var keys = EventKeys.For(code);
        var result = (RedisResult[])(await scripts.EventStats.EvaluateAsync(redis.GetDatabase(),
            [keys.Stock, keys.Grants, keys.Outcomes, keys.Outbox, keys.Window], []).ConfigureAwait(false))!;
        if (result[0].IsNull) return null;
        var flat = (RedisResult[])result[2]!;
        var outcomes = new Dictionary<string, long>();
        for (var i = 0; i + 1 < flat.Length; i += 2)
            outcomes[(string)flat[i]!] = (long)flat[i + 1];
        outcomes[ClaimStatusNames.Issued] = (long)result[1]; // a grant is counted by the grants hash, not a counter
        return new LiveCounters((long)result[0], (long)result[1], (long)result[3], outcomes, (long)result[4]);
    }
}

using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Events;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

public sealed class RedisMemoryAnswersSource(IConnectionMultiplexer redis) : IMemoryAnswersSource
{
    public async Task<IReadOnlyCollection<string>?> GrantedMembersAsync(EventCode code, int max)
    {
        var db = redis.GetDatabase();
        var grants = EventKeys.For(code).Grants;
        var count = await db.HashLengthAsync(grants).ConfigureAwait(false);
        if (count > max) return null;
        var members = new HashSet<string>((int)count, StringComparer.Ordinal);
        // paged (HSCAN): one large HGETALL would hold Redis's thread for the whole sale's winners
        await foreach (var grant in db.HashScanAsync(grants, pageSize: 1_000).ConfigureAwait(false))
            members.Add(grant.Name!);
        return members;
    }

    public async Task CountRefusalsAsync(EventCode code, long duplicates, long soldOut)
    {
        var db = redis.GetDatabase();
        var outcomes = EventKeys.For(code).Outcomes;
        var counts = new List<Task>(2);
        if (duplicates > 0) counts.Add(db.HashIncrementAsync(outcomes, ClaimStatusNames.Duplicate, duplicates));
        if (soldOut > 0) counts.Add(db.HashIncrementAsync(outcomes, ClaimStatusNames.SoldOut, soldOut));
        await Task.WhenAll(counts).ConfigureAwait(false);
    }

    public Task SubscribeToChangesAsync(Action<EventCode> changed) =>
        redis.GetSubscriber().SubscribeAsync(EventKeys.Changes, (_, message) =>
        {
            if (EventCode.TryParse(message, out var code)) changed(code);
        });
}

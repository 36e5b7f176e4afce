using System.Runtime.CompilerServices;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Pipeline;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

public sealed class RedisOutbox(IConnectionMultiplexer redis, RedisScripts scripts) : IOutbox
{
    public const string Group = "relay";
    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<EventCode>> EventCodesAsync()
    {
        var members = await Db.SetMembersAsync(EventKeys.Registry).ConfigureAwait(false);
        return members.Select(m => EventCode.TryParse(m, out var c) ? c : (EventCode?)null)
            .Where(c => c is not null).Select(c => c!.Value).ToList();
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(EventCode code, string consumer, int count, bool ownPending)
    {
        var result = await scripts.OutboxRead.EvaluateAsync(Db, [new EventKeys(code).Outbox],
            [Group, consumer, count, ownPending ? "0" : ">"]).ConfigureAwait(false);
        return result.IsNull ? [] : Parse(code, (RedisResult[])result!);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReclaimAsync(EventCode code, string consumer, TimeSpan minIdle, int count)
    {
        var result = await scripts.OutboxReclaim.EvaluateAsync(Db, [new EventKeys(code).Outbox],
            [Group, consumer, (long)minIdle.TotalMilliseconds, count]).ConfigureAwait(false);
        return Parse(code, (RedisResult[])result!);
    }

    public Task AcknowledgeAsync(EventCode code, IReadOnlyCollection<string> ids) =>
        ids.Count == 0 ? Task.CompletedTask
            : scripts.OutboxAck.EvaluateAsync(Db, [new EventKeys(code).Outbox], [Group, .. ids.Select(i => (RedisValue)i)]);

    public async IAsyncEnumerable<IReadOnlyList<string>> IssuedMembersAsync(EventCode code, int pageSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var cursor = "0";
        do
        {
            var page = (RedisResult[])(await scripts.IssuedMembers.EvaluateAsync(Db, [new EventKeys(code).Issued], [cursor, pageSize]).ConfigureAwait(false))!;
            cursor = (string)page[0]!;
            var members = ((RedisResult[])page[1]!).Select(m => (string)m!).ToList();
            if (members.Count > 0) yield return members;
        } while (cursor != "0" && !ct.IsCancellationRequested);
    }

    public async Task<int> RequeueAsync(EventCode code, IReadOnlyCollection<string> members)
    {
        if (members.Count == 0) return 0;
        var keys = new EventKeys(code);
        return (int)await scripts.OutboxRequeue.EvaluateAsync(Db, [keys.Issued, keys.Outbox],
            [code.Value, .. members.Select(m => (RedisValue)m)]).ConfigureAwait(false);
    }

    /// <summary>Stream entries {id, {field, value, ...}} to coupons. An entry without a claim id (requeued by
    /// reconciliation, or added by hand) is identified by its entry id.</summary>
    private static List<OutboxEntry> Parse(EventCode code, RedisResult[] entries)
    {
        var list = new List<OutboxEntry>(entries.Length);
        foreach (var raw in entries)
        {
            var entry = (RedisResult[])raw!;
            if (entry.Length < 2 || entry[1].IsNull) continue; // deleted while pending: nothing left to send
            var id = (string)entry[0]!;
            var fields = (RedisResult[])entry[1]!;
            string? claimId = null, member = null;
            long issuedAt = 0;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                switch ((string)fields[i]!)
                {
                    case "claimId": claimId = (string)fields[i + 1]!; break;
                    case "memberId": member = (string)fields[i + 1]!; break;
                    case "issuedAt": issuedAt = (long)fields[i + 1]; break;
                }
            }
            list.Add(new OutboxEntry(id, new CouponIssued(claimId ?? $"{code.Value}-{id}", code.Value, member ?? "",
                DateTimeOffset.FromUnixTimeMilliseconds(issuedAt))));
        }
        return list;
    }
}

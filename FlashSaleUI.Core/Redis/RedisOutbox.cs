using System.Runtime.CompilerServices;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Pipeline;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

/// <summary>The per-event outbox streams, read through one consumer group shared by every relay. Reads, takeovers
/// and scans are plain stream and set commands; acknowledging and requeueing stay scripts because each is a
/// check-and-write (or two writes) that must happen as one step.</summary>
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

    public Task ForgetAsync(EventCode code) => Db.SetRemoveAsync(EventKeys.Registry, code.Value);

    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(EventCode code, string consumer, int count, bool ownPending)
    {
        var outbox = EventKeys.For(code).Outbox;
        var position = ownPending ? StreamPosition.Beginning : StreamPosition.NewMessages;
        try
        {
            return Parse(code, await Db.StreamReadGroupAsync(outbox, Group, consumer, position, count).ConfigureAwait(false));
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The group is made once the outbox exists, never with MKSTREAM: polling an event that issued nothing
            // must not create keys. From 0, so entries added before the group existed are relayed too.
            if (!await Db.KeyExistsAsync(outbox).ConfigureAwait(false)) return [];
            await CreateGroupAsync(outbox).ConfigureAwait(false);
            return Parse(code, await Db.StreamReadGroupAsync(outbox, Group, consumer, position, count).ConfigureAwait(false));
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReclaimAsync(EventCode code, string consumer, TimeSpan minIdle, int count)
    {
        try
        {
            var claimed = await Db.StreamAutoClaimAsync(EventKeys.For(code).Outbox, Group, consumer,
                (long)minIdle.TotalMilliseconds, "0-0", count).ConfigureAwait(false);
            return Parse(code, claimed.ClaimedEntries);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return []; // no group yet: nothing was ever read, so nothing to reclaim
        }
    }

    // XACK then XDEL in one script: an entry acknowledged but left in the stream would count as backlog forever.
    public Task AcknowledgeAsync(EventCode code, IReadOnlyCollection<string> ids) =>
        ids.Count == 0 ? Task.CompletedTask
            : scripts.OutboxAck.EvaluateAsync(Db, [EventKeys.For(code).Outbox], [Group, .. ids.Select(i => (RedisValue)i)]);

    public async IAsyncEnumerable<IReadOnlyList<string>> GrantedMembersAsync(EventCode code, int pageSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        // HSCAN, so a large hash never blocks Redis; SE.Redis follows the cursor (on the key's node in a cluster)
        var page = new List<string>(pageSize);
        var grants = Db.HashScanAsync(EventKeys.For(code).Grants, pageSize: pageSize);
        await foreach (var grant in grants.WithCancellation(ct).ConfigureAwait(false))
        {
            page.Add(grant.Name!);
            if (page.Count < pageSize) continue;
            yield return page;
            page = new List<string>(pageSize);
        }
        if (page.Count > 0) yield return page;
    }

    public async Task<int> RequeueAsync(EventCode code, IReadOnlyCollection<string> members)
    {
        if (members.Count == 0) return 0;
        var keys = EventKeys.For(code);
        return (int)await scripts.OutboxRequeue.EvaluateAsync(Db, [keys.Grants, keys.Outbox],
            [code.Value, .. members.Select(m => (RedisValue)m)]).ConfigureAwait(false);
    }

    private async Task CreateGroupAsync(RedisKey outbox)
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(outbox, Group, StreamPosition.Beginning, createStream: false).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // another relay made it first
        }
    }

    /// <summary>The time part of a stream entry id ("ms-seq"): when claim.lua granted the coupon.</summary>
    private static long EntryTime(string id) =>
        long.TryParse(id.AsSpan(0, Math.Max(0, id.IndexOf('-'))), out var ms) ? ms : 0;

    /// <summary>Stream entries to coupons. An entry without a claim id (a claim run with redis-cli without one, or
    /// added by hand) is identified by its entry id; without issuedAt (claim.lua writes none) the entry id's time is
    /// the grant time. An entry deleted while pending has no fields: nothing left to send.</summary>
    private static List<OutboxEntry> Parse(EventCode code, StreamEntry[] entries)
    {
        var list = new List<OutboxEntry>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.IsNull || entry.Values is not { Length: > 0 }) continue;
            string id = entry.Id!;
            var claimId = entry["claimId"];
            var member = entry["memberId"];
            var issuedAt = entry["issuedAt"];
            list.Add(new OutboxEntry(id, new CouponIssued(claimId.IsNull ? $"{code.Value}-{id}" : claimId!, code.Value,
                member.IsNull ? "" : member!, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt.IsNull ? EntryTime(id) : (long)issuedAt))));
        }
        return list;
    }
}

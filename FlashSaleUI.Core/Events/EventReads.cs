using FlashSaleUI.Core.Hosting;
using FlashSaleUI.Core.Stats;
using Microsoft.Extensions.Caching.Memory;

namespace FlashSaleUI.Core.Events;

/// <summary>Reading events: the durable record (PostgreSQL) joined with the live numbers (Redis). Records are kept here
/// for <see cref="RecordTtl"/> and, while PostgreSQL is down, for as long as it is (a record changes only when an
/// operator acts, which needs PostgreSQL); the public read is shared for <see cref="PublicReadMaxAge"/>.</summary>
public sealed class EventReads(IEventStore store, ILiveEventStore live, TimeProvider clock) : IDisposable
{
    /// <summary>How long a sampled record (name, window) is reused before PostgreSQL is asked again; changes made on
    /// this instance are seen at once, changes made on another instance within this time.</summary>
    public static readonly TimeSpan RecordTtl = TimeSpan.FromSeconds(2);
    /// <summary>While PostgreSQL is down, how long sampling keeps to the records held here before trying it again.</summary>
    public static readonly TimeSpan RecordsRetryPause = TimeSpan.FromSeconds(1);
    /// <summary>How stale the public event read may be: every member page reads it once a second, and members arrive
    /// all at once. Concurrent readers of a code share one read, and its answer for this long.</summary>
    public static readonly TimeSpan PublicReadMaxAge = TimeSpan.FromMilliseconds(250);
    private const int KeptRecords = 10_000;

    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = KeptRecords });
    private readonly Concurrency.SharedResults<EventCode, EventView?> _publicReads = new(PublicReadMaxAge, clock);
    private DateTimeOffset _recordsUnreachableUntil;

    private sealed record KeptRecord(FlashSaleEvent Sale, long Persisted, DateTimeOffset ReadAt);

    public async Task<EventView?> GetAsync(EventCode code, CancellationToken ct = default) =>
        (await SampleAsync([code], ct)).FirstOrDefault().Stats?.Event;

    /// <summary>The event as anyone may read it, at most <see cref="PublicReadMaxAge"/> old, and never older than a
    /// change or grant made on this instance (see <see cref="Forget"/>).</summary>
    public Task<EventView?> GetSharedAsync(EventCode code) => _publicReads.GetOrStart(code, c => GetAsync(c));

    /// <summary>The sale changed here (a grant, an operator's change): the next read of it asks again. (Changes on
    /// other instances show within <see cref="PublicReadMaxAge"/>.) Refusals change nothing a read shows.</summary>
    public void ForgetPublicRead(EventCode code) => _publicReads.Forget(code);

    /// <summary>The record changed here: both the record kept and the public read are read again.</summary>
    public void Forget(EventCode code)
    {
        _records.Remove(code.Value);
        _publicReads.Forget(code);
    }

    /// <summary>Every event; Redis is asked only about the active ones. An event that ended long ago or whose whole
    /// stock is stored has final numbers in PostgreSQL, so a long history costs one query, not a Redis call each.</summary>
    public async Task<IReadOnlyList<EventView>> ListAsync(CancellationToken ct = default)
    {
        var all = await store.ListAsync(ct);
        var active = (await store.ListActiveAsync(clock.GetUtcNow(), ct)).Select(a => a.Sale.Code).ToHashSet();
        var activeSales = all.Where(s => active.Contains(s.Sale.Code)).ToList();
        var counters = await Task.WhenAll(activeSales.Select(s => live.ReadAsync(s.Sale.Code)));
        var now = clock.GetUtcNow();
        var byCode = activeSales.Select((s, i) => (s.Sale.Code, View: EventView.From(s.Sale, counters[i], s.Persisted, now)))
            .ToDictionary(l => l.Code, l => l.View);
        return all.Select(s => byCode.TryGetValue(s.Sale.Code, out var view) ? view
            : EventView.From(s.Sale, LiveCounters.Totals(s.Sale.Stock - s.Persisted, s.Persisted), s.Persisted, now))
            .ToList();
    }

    /// <summary>Samples several events at once: one Redis call per event, and PostgreSQL only for events whose
    /// record is not known here, is older than <see cref="RecordTtl"/>, or whose stored count can have moved (Redis
    /// has issued more than was stored). A quiet sale is not re-read from PostgreSQL on every tick. The stats carry
    /// no rates: rates need the previous sample, which the stats feed keeps.</summary>
    public async Task<IReadOnlyList<(EventCode Code, EventStats Stats)>> SampleAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default)
    {
        var counters = (await Task.WhenAll(codes.Select(live.ReadAsync))).Zip(codes, (c, code) => (Code: code, Live: c)).ToList();
        var now = clock.GetUtcNow();
        var stale = counters.Where(c => Kept(c.Code) is not { } r || now - r.ReadAt >= RecordTtl
                                        || (c.Live?.Issued ?? -1) != r.Persisted).Select(c => c.Code).ToList();
        if (stale.Count > 0 && !(now < _recordsUnreachableUntil && stale.All(c => Kept(c) is not null)))
            await RefreshAsync(stale, now, ct);
        now = clock.GetUtcNow();
        var sampled = new List<(EventCode Code, EventStats Stats)>(counters.Count);
        foreach (var c in counters)
            if (Kept(c.Code) is { } record) sampled.Add((c.Code, Stats(record.Sale, c.Live, record.Persisted, now)));
        return sampled;
    }

    private async Task RefreshAsync(List<EventCode> stale, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<(FlashSaleEvent Sale, long Persisted)> found;
        try { found = await store.GetWithPersistedAsync(stale, ct); }
        catch (Exception e) when (DependencyOutage.IsPostgreSql(e) && stale.All(c => Kept(c) is not null))
        {
            // PostgreSQL is down. The copy held here is still the record: the sale goes on being read (live numbers
            // from Redis), only its stored count waits. Asked again after a pause, not on every read.
            _recordsUnreachableUntil = clock.GetUtcNow() + RecordsRetryPause;
            return;
        }
        // replaced in place, never removed and re-added: a sampler running beside this one (the stats feed, an
        // operator's read) must not find a known event missing for a moment and answer "not found"
        foreach (var (sale, persisted) in found)
            _records.Set(sale.Code.Value, new KeptRecord(sale, persisted, now), new MemoryCacheEntryOptions { Size = 1 });
        foreach (var code in stale.Except(found.Select(f => f.Sale.Code))) _records.Remove(code.Value);
    }

    private KeptRecord? Kept(EventCode code) => _records.TryGetValue(code.Value, out KeptRecord? record) ? record : null;

    /// <summary>A sale not placed in Redis yet has its whole stock and nothing claimed.</summary>
    private static EventStats Stats(FlashSaleEvent sale, LiveCounters? live, long persisted, DateTimeOffset now)
    {
        var view = EventView.From(sale, live, persisted, now);
        return new EventStats(view, live ?? LiveCounters.Totals(view.Remaining, view.Issued), ClaimRates.Zero, now);
    }

    public void Dispose() => _records.Dispose();
}

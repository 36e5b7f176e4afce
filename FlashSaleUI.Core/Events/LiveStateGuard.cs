using System.Diagnostics.Metrics;
using FlashSaleUI.Core.Concurrency;
using Microsoft.Extensions.Logging;

namespace FlashSaleUI.Core.Events;

/// <summary>Keeps Redis's live state of events in line with their record in PostgreSQL, the durable truth. Redis
/// can lose data (restarted without its AOF, flushed, failed over to a replica that was behind); when an event's
/// live state is missing, or holds fewer grants than PostgreSQL has stored, it is rebuilt from the record: the
/// stored members are granted again and remaining = stock - grants, never more. Runs at startup, every few seconds
/// over the active events (every <c>LiveState__CheckSeconds</c>, <see cref="Hosting.PeriodicWork"/>), and at once
/// when a claim finds a known event missing.</summary>
public sealed class LiveStateGuard(IEventStore store, ILiveEventStore live, TimeProvider clock, IMeterFactory meters,
    ILogger<LiveStateGuard> log)
{
    private const int MemberPage = 5_000;
    private readonly Counter<long> _repairs = meters.Create(Claims.ClaimMetrics.MeterName)
        .CreateCounter<long>("flashsale.live_state.repairs", description: "Events whose Redis state was rebuilt from PostgreSQL");
    private readonly SharedResults<EventCode, bool> _recoveries = new(TimeSpan.FromSeconds(1), clock);
    private long _repairCount;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<EventCode, LiveStateRepair> _repairsBySale = new();

    /// <summary>The last repair of any sale, for /api/pipeline. A sale's own page asks <see cref="LastRepairOf"/>:
    /// several sales repaired close together would overwrite each other here.</summary>
    public LiveStateRepair? LastRepair { get; private set; }

    /// <summary>This sale's last repair (only events in the record are ever repaired, so this holds one per event).</summary>
    public LiveStateRepair? LastRepairOf(EventCode code) => _repairsBySale.GetValueOrDefault(code);
    public long RepairCount => Interlocked.Read(ref _repairCount);

    /// <summary>Every active event checked once: placed if missing, rebuilt if behind, window brought up to date.</summary>
    public async Task CheckActiveAsync(CancellationToken ct = default)
    {
        foreach (var (sale, persisted) in await store.ListActiveAsync(clock.GetUtcNow(), ct))
            await CheckAsync(sale, persisted, await live.ReadAsync(sale.Code), ct);
    }

    public async Task CheckAsync(FlashSaleEvent sale, long persisted, LiveCounters? counters, CancellationToken ct = default)
    {
        if (counters is null)
            await RepairAsync(sale, "missing in Redis", ct);
        else if (counters.Issued < persisted)
            await RepairAsync(sale, $"Redis held {counters.Issued:N0} grants, PostgreSQL {persisted:N0}", ct);
        else if (counters.WindowVersion < sale.Version)
            await live.PlaceAsync(sale); // a window change that never reached Redis
    }

    /// <summary>A claim found <paramref name="code"/> unknown to Redis: if the record has it, rebuild it now. Claims
    /// arriving meanwhile wait for the same rebuild, and a code is looked up at most once a second (at once again
    /// after a failed lookup), so unknown codes cannot turn into a query storm. True when the event exists and its
    /// live state was rebuilt.</summary>
    public Task<bool> TryRecoverAsync(EventCode code, CancellationToken ct = default) =>
        _recoveries.GetOrStart(code, c => RecoverAsync(c, CancellationToken.None)).WaitAsync(ct);

    private async Task<bool> RecoverAsync(EventCode code, CancellationToken ct)
    {
        var sale = await store.GetAsync(code, ct);
        if (sale is null) return false;
        await RepairAsync(sale, "a claim found it missing in Redis", ct, onlyIfChanged: true);
        return true;
    }

    /// <param name="onlyIfChanged">report it only if this call changed Redis (another instance may have been first)</param>
    private async Task RepairAsync(FlashSaleEvent sale, string reason, CancellationToken ct, bool onlyIfChanged = false)
    {
        var restored = 0L;
        await foreach (var page in store.StoredGrantsAsync(sale.Code, MemberPage, ct))
        {
            await live.PlaceAsync(sale, page, last: false);
            restored += page.Count;
        }
        var placement = await live.PlaceAsync(sale, last: true);
        if (onlyIfChanged && placement.Change == PlacementChange.None) return;
        Interlocked.Increment(ref _repairCount);
        _repairs.Add(1);
        var repair = new LiveStateRepair(sale.Code.Value, reason, restored, placement.Issued, placement.Remaining, clock.GetUtcNow());
        _repairsBySale[sale.Code] = repair;
        LastRepair = repair;
        log.LogWarning("Live state of {Event} rebuilt from PostgreSQL ({Reason}): {Stored} stored grants, {Issued} issued in Redis now, " +
            "{Remaining} remaining",
            sale.Code, reason, restored, placement.Issued, placement.Remaining);
    }
}

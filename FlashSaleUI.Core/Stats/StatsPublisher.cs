using System.Collections.Concurrent;
using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSaleUI.Core.Stats;

/// <summary>One per app instance: every 50 ms it samples each watched event (one Redis script call each, one
/// PostgreSQL query for all) and pushes the new stats to its subscribers when anything changed, but never sooner than
/// 110 ms after the previous one: at most 10 updates a second per event (with room for network jitter), and a change
/// is seen within about 160 ms, whatever the claim rate.</summary>
public sealed class StatsPublisher(EventReads events, TimeProvider clock, ILogger<StatsPublisher> log) : BackgroundService, IStatsFeed
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(110);
    private readonly ConcurrentDictionary<EventCode, Watched> _watched = new();

    public IDisposable Subscribe(EventCode code, Func<EventStats, Task> onUpdate)
    {
        var subscription = new Subscription(this, code, onUpdate);
        _watched.AddOrUpdate(code, _ => new Watched([subscription]), (_, w) => w.With(subscription));
        if (_watched.TryGetValue(code, out var watched) && watched.Last is { } last) _ = Deliver(subscription, last);
        return subscription;
    }

    public EventStats? Latest(EventCode code) => _watched.TryGetValue(code, out var w) ? w.Last : null;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            try { await SampleAsync(stop); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                if (_failures.ShouldReport(out var since))
                    log.LogWarning(e, "Sampling live stats failed ({Count} times since the last report)", since);
            }
        }
    }

    private readonly RepeatedFailure _failures = new(TimeSpan.FromSeconds(10), clock);

    /// <summary>One round (public for tests): sample every watched event, publish what changed.</summary>
    public async Task SampleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var codes = _watched.Where(w => w.Value.Last is null || now - w.Value.Last.SampledAt >= MinInterval).Select(w => w.Key).ToList();
        if (codes.Count == 0) return;
        var samples = await events.SampleAsync(codes, ct);
        now = clock.GetUtcNow();
        foreach (var (code, sample) in samples)
        {
            if (!_watched.TryGetValue(code, out var watched)) continue;
            var stats = sample with { Rates = Rate(watched.Last, sample.Outcomes, now), SampledAt = now };
            if (stats.SameAs(watched.Last)) continue;
            watched.Last = stats;
            await Task.WhenAll(watched.Subscribers.Select(s => Deliver(s, stats)));
        }
    }

    private static ClaimRates Rate(EventStats? previous, IReadOnlyDictionary<string, long> outcomes, DateTimeOffset now)
    {
        if (previous is null) return ClaimRates.Zero;
        var seconds = (now - previous.SampledAt).TotalSeconds;
        if (seconds <= 0) return previous.Rates;
        double Per(string outcome) =>
            Math.Max(0, outcomes.GetValueOrDefault(outcome) - previous.Outcomes.GetValueOrDefault(outcome)) / seconds;
        return new ClaimRates(Per(ClaimStatusNames.Issued), Per(ClaimStatusNames.Duplicate), Per(ClaimStatusNames.SoldOut),
            Per(ClaimStatusNames.NotOpen));
    }

    private async Task Deliver(Subscription subscription, EventStats stats)
    {
        try { await subscription.OnUpdate(stats); }
        catch (Exception e) { log.LogDebug(e, "A stats subscriber failed"); }
    }

    private void Unsubscribe(Subscription subscription)
    {
        while (_watched.TryGetValue(subscription.Code, out var watched))
        {
            var rest = watched.Without(subscription);
            if (rest.Subscribers.Count == 0
                ? ((ICollection<KeyValuePair<EventCode, Watched>>)_watched).Remove(new(subscription.Code, watched))
                : _watched.TryUpdate(subscription.Code, rest, watched))
                return;
        }
    }

    private sealed class Watched(IReadOnlyList<Subscription> subscribers)
    {
        public IReadOnlyList<Subscription> Subscribers { get; } = subscribers;
        public EventStats? Last { get; set; }
        public Watched With(Subscription s) => new([.. Subscribers, s]) { Last = Last };
        public Watched Without(Subscription s) => new(Subscribers.Where(x => x != s).ToList()) { Last = Last };
    }

    private sealed class Subscription(StatsPublisher owner, EventCode code, Func<EventStats, Task> onUpdate) : IDisposable
    {
        public EventCode Code { get; } = code;
        public Func<EventStats, Task> OnUpdate { get; } = onUpdate;
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(this);
        }
    }
}

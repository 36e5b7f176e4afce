using System.Collections.Concurrent;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Claims;

/// <summary>Answers claims on a sold-out sale from memory. Most of a flash sale's callers arrive after the stock is
/// gone, and once it is gone nothing changes on its own: the winners are final, everyone else is sold out. So when
/// Redis first answers "sold out", this instance reads the sale's winners (up to
/// <see cref="FlashSaleOptions.SoldOutShortcutMaxGrants"/>) and from then on answers a winner "duplicate" and anyone
/// else "sold out", exactly as claim.lua would, without a Redis call.
/// <para>What could make those answers wrong drops the sale from memory: any instance placing the sale again (a
/// top-up, an edit, a close, a repair; announced on <see cref="IMemoryAnswersSource.SubscribeToChangesAsync"/>), a check of
/// Redis every second (stock back above zero, another version of the window, the sale gone from Redis), and the
/// sale's closing time (a second early: then claims get "not open" from the script again).</para>
/// <para>The refusals answered from memory are counted by <see cref="RefusalTally"/>.</para>
/// </summary>
public sealed class SoldOutShortcut(ILiveEventStore live, IEventStore records, IMemoryAnswersSource source,
    IOptions<FlashSaleOptions> options, TimeProvider clock, ILogger<SoldOutShortcut> log) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CloseMargin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TooLargeFor = TimeSpan.FromSeconds(30);
    // Redis unreachable when the app starts: subscribing is tried again; until then the shortcut is off
    private static readonly Backoff SubscribeAgain = new("sold-out-subscribe", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private readonly ConcurrentDictionary<EventCode, SoldOutSale> _sales = new();
    private readonly ConcurrentDictionary<EventCode, long> _epochs = new();     // bumped by every drop
    private readonly ConcurrentDictionary<EventCode, bool> _loading = new();
    private readonly ConcurrentDictionary<EventCode, DateTimeOffset> _tooLarge = new();
    private volatile bool _listening;

    private bool Enabled => options.Value.SoldOutShortcut && _listening;

    /// <summary>True, with the answer, when the sale is known here to be sold out.</summary>
    public bool TryAnswer(EventCode code, MemberId member, out ClaimResult result)
    {
        if (_sales.TryGetValue(code, out var sale) && (sale.Until is null || clock.GetUtcNow() < sale.Until))
        {
            result = sale.Answer(member.Value);
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>Whether this instance answers the sale's claims from memory now.</summary>
    public bool Knows(EventCode code) => _sales.ContainsKey(code);

    /// <summary>Redis answered "sold out" for this sale: learn its winners, unless that is under way or done.</summary>
    public void SawSoldOut(EventCode code)
    {
        if (!Enabled || _sales.ContainsKey(code)) return;
        if (_tooLarge.TryGetValue(code, out var since) && clock.GetUtcNow() - since < TooLargeFor) return;
        if (_loading.Count > 100 || !_loading.TryAdd(code, true)) return;
        _ = Task.Run(async () =>
        {
            try { await LearnAsync(code); }
            catch (Exception e) { log.LogDebug(e, "Learning the winners of sold-out {Event} failed; its claims go to Redis", code); }
            finally { _loading.TryRemove(code, out _); }
        });
    }

    /// <summary>Forgets the sale: its claims go to Redis again.</summary>
    public void Drop(EventCode code)
    {
        _epochs.AddOrUpdate(code, 1, (_, e) => e + 1);
        _sales.TryRemove(code, out _);
    }

    private async Task LearnAsync(EventCode code)
    {
        var epoch = _epochs.GetValueOrDefault(code);
        var before = await live.ReadAsync(code);
        var record = await records.GetAsync(code);
        if (before is not { Remaining: <= 0 } || record is null || record.ClosedAt is not null) return;
        var winners = await source.GrantedMembersAsync(code, options.Value.SoldOutShortcutMaxGrants);
        if (winners is null)
        {
            _tooLarge[code] = clock.GetUtcNow();
            return;
        }
        // nothing may have moved while the winners were read: same stock (none), same window, no drop meanwhile
        var after = await live.ReadAsync(code);
        if (after is not { Remaining: <= 0 } || after.WindowVersion != before.WindowVersion || after.Issued != winners.Count) return;
        var sale = new SoldOutSale(code, winners, after.WindowVersion, record.ClosesAt - CloseMargin);
        if (_epochs.GetValueOrDefault(code) != epoch || !_sales.TryAdd(code, sale)) return;
        if (_epochs.GetValueOrDefault(code) != epoch)
        {
            Drop(code); // dropped while being added: forget it again
            return;
        }
        log.LogInformation("{Event} is sold out: this instance now answers its claims from memory ({Winners} winners)", code,
            winners.Count);
    }

    /// <summary>Subscribed to sale changes: answers from memory are on (when enabled).</summary>
    public bool Listening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!options.Value.SoldOutShortcut) return;
        await SubscribeAgain.Pipeline(clock, _ => true, (e, delay) => log.LogWarning(
                "Sold-out shortcut: subscribing to sale changes failed ({Error}); claims go to Redis, next try in {Delay:F0} ms",
                e.GetBaseException().Message, delay.TotalMilliseconds))
            .ExecuteAsync(async _ => await source.SubscribeToChangesAsync(Drop), stop);
        _listening = true; // only now: a sale learnt before could miss the word of a change
        using var timer = new PeriodicTimer(CheckEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try { await CheckAsync(); }
                catch (Exception e) { log.LogWarning(e, "Sold-out shortcut: checking the sales against Redis failed"); }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            _listening = false;
            foreach (var code in _sales.Keys) Drop(code);
        }
    }

    /// <summary>Drops every sale whose live state moved: stock back (a top-up), another window, or gone from Redis.</summary>
    private async Task CheckAsync()
    {
        foreach (var sale in _sales.Values)
        {
            var now = await live.ReadAsync(sale.Code);
            if (now is not { Remaining: <= 0 } || now.WindowVersion != sale.WindowVersion || now.Issued != sale.Winners) Drop(sale.Code);
        }
        foreach (var (code, since) in _tooLarge)
            if (clock.GetUtcNow() - since >= TooLargeFor) _tooLarge.TryRemove(code, out _);
    }
}

using System.Collections.Concurrent;
using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSaleUI.Core.Claims;

/// <summary>Refusals answered from memory (without claim.lua, which counts its own), added to their sales' counters in
/// Redis every 100 ms, so the dashboard's numbers and rates see every attempt.</summary>
public sealed class RefusalTally(IMemoryAnswersSource source, TimeProvider clock, ILogger<RefusalTally> log) : BackgroundService
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<EventCode, Counts> _counts = new();

    public void Add(EventCode code, ClaimStatus status)
    {
        var counts = _counts.GetOrAdd(code, _ => new Counts());
        if (status == ClaimStatus.Duplicate) Interlocked.Increment(ref counts.Duplicates);
        else if (status == ClaimStatus.SoldOut) Interlocked.Increment(ref counts.SoldOut);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(FlushEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) await FlushAsync();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally { await FlushAsync(); }
    }

    private async Task FlushAsync()
    {
        foreach (var (code, counts) in _counts)
        {
            var duplicates = Interlocked.Exchange(ref counts.Duplicates, 0);
            var soldOut = Interlocked.Exchange(ref counts.SoldOut, 0);
            if (duplicates == 0 && soldOut == 0) continue;
            try { await source.CountRefusalsAsync(code, duplicates, soldOut); }
            catch (Exception e)
            {
                // Redis unreachable: kept for the next flush
                Interlocked.Add(ref counts.Duplicates, duplicates);
                Interlocked.Add(ref counts.SoldOut, soldOut);
                log.LogWarning("Adding {Count} refusals to the counters of {Event} failed ({Error}); trying again",
                    duplicates + soldOut, code, e.GetBaseException().Message);
                return;
            }
        }
    }

    private sealed class Counts
    {
        public long Duplicates;
        public long SoldOut;
    }
}

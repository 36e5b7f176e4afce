using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Claims;

/// <summary>The members this instance saw refused as already holding a coupon, per sale: the ones who press again. A
/// grant is never taken back, and claim.lua checks "already has one" before anything but the sale's existence, so
/// their further claims are "duplicate" without asking Redis. Only repeat claimers are kept: remembering every grant
/// costs the garbage collector a walk over millions (docs/BENCHMARKS.md "Refusals without Redis"). Bounded by
/// <see cref="FlashSaleOptions.KnownWinnersMax"/>: past it the least used are evicted.</summary>
public sealed class KnownWinners(IOptions<FlashSaleOptions> options) : IDisposable
{
    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };
    private readonly MemoryCache? _winners = options.Value.KnownWinnersMax > 0
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.KnownWinnersMax })
        : null;

    public bool Contains(EventCode code, MemberId member) => _winners?.TryGetValue((code, member.Value), out _) == true;

    public void Add(EventCode code, MemberId member) => _winners?.Set((code, member.Value), true, OneEntry);

    public void Dispose() => _winners?.Dispose();
}

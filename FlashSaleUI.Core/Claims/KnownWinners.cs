using System.Collections.Concurrent;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Claims;

/// <summary>The members this instance saw refused as already holding a coupon, per sale: the ones who press again. A
/// grant is never taken back, and claim.lua checks "already has one" before anything but the sale's existence, so
/// their further claims are "duplicate" without asking Redis. Only repeat claimers are kept: remembering every grant
/// measured as half the grant rate, the garbage collector walking a dictionary of millions. Bounded: past
/// <see cref="FlashSaleOptions.KnownWinnersMax"/> entries it starts over.</summary>
public sealed class KnownWinners(IOptions<FlashSaleOptions> options)
{
    private readonly ConcurrentDictionary<(EventCode Code, string Member), byte> _winners = new();

    public bool Contains(EventCode code, MemberId member) => _winners.ContainsKey((code, member.Value));

    public void Add(EventCode code, MemberId member)
    {
        var max = options.Value.KnownWinnersMax;
        if (max <= 0) return;
        if (_winners.Count >= max) _winners.Clear();
        _winners.TryAdd((code, member.Value), 0);
    }
}

using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>A member's claim as the app handles it: from memory when the sale is known to be sold out
/// (<see cref="SoldOutShortcut"/>), else the atomic claim (<see cref="IClaimService"/>); when a known sale is missing
/// in Redis (it lost data), its live state rebuilt from the record and the claim made again; after a grant, the shared
/// public read of the sale dropped, so pages polling it see the new count.</summary>
public sealed class MemberClaims(IClaimService claims, SoldOutShortcut soldOut, LiveStateGuard liveState, EventService events)
{
    public async ValueTask<ClaimResult> ClaimAsync(EventCode code, MemberId member, CancellationToken ct = default)
    {
        if (soldOut.TryAnswer(code, member, out var known)) return known;
        var result = await claims.ClaimAsync(code, member).ConfigureAwait(false);
        if (result.Status == ClaimStatus.NotFound && await liveState.TryRecoverAsync(code, ct).ConfigureAwait(false))
            result = await claims.ClaimAsync(code, member).ConfigureAwait(false);
        if (result.Status == ClaimStatus.Issued) events.Granted(code);
        else if (result.Status == ClaimStatus.SoldOut) soldOut.SawSoldOut(code);
        return result;
    }
}

using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>A member's claim as the app handles it. From memory when the answer is already known here: the sale is sold
/// out (<see cref="SoldOutShortcut"/>) or the member already holds a coupon (<see cref="KnownWinners"/>); those
/// refusals are counted by <see cref="RefusalTally"/>. Else the atomic claim (<see cref="IClaimService"/>); when a
/// known sale is missing in Redis (it lost data), its live state rebuilt from the record and the claim made again;
/// after a grant, the shared public read of the sale dropped, so pages polling it see the new count.</summary>
public sealed class MemberClaims(IClaimService claims, SoldOutShortcut soldOut, KnownWinners winners, RefusalTally tally,
    ClaimMetrics metrics, LiveStateGuard liveState, EventReads events)
{
    public async ValueTask<ClaimResult> ClaimAsync(EventCode code, MemberId member, CancellationToken ct = default)
    {
        if (soldOut.TryAnswer(code, member, out var known)) return FromMemory(code, known);
        if (winners.Contains(code, member)) return FromMemory(code, ClaimResult.Duplicate);
        var result = await claims.ClaimAsync(code, member).ConfigureAwait(false);
        if (result.Status == ClaimStatus.NotFound && await liveState.TryRecoverAsync(code, ct).ConfigureAwait(false))
            result = await claims.ClaimAsync(code, member).ConfigureAwait(false);
        switch (result.Status)
        {
            case ClaimStatus.Issued:
                events.ForgetPublicRead(code);
                break;
            case ClaimStatus.Duplicate:
                winners.Add(code, member); // a second press: remembered from now on (not every grant: that costs the GC)
                break;
            case ClaimStatus.SoldOut:
                soldOut.SawSoldOut(code);
                break;
        }
        return result;
    }

    private ClaimResult FromMemory(EventCode code, ClaimResult answer)
    {
        tally.Add(code, answer.Status);
        metrics.Record(answer.Status, TimeSpan.Zero);
        return answer;
    }
}

using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>Grants or refuses one coupon, atomically. Implementations must never read-modify-write.</summary>
public interface IClaimService
{
    Task<ClaimResult> ClaimAsync(EventCode code, MemberId member);
}

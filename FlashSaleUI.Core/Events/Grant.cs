namespace FlashSaleUI.Core.Events;

/// <summary>A member's coupon and the claim id it was granted with (its coupon code is read from the claim id).</summary>
public readonly record struct Grant(string MemberId, string ClaimId);

namespace FlashSaleUI.Api;

public sealed record ClaimRequest(string? MemberId);

using System.Text.Json.Serialization;

namespace FlashSaleUI.Api;

/// <summary>{"status":"issued","remaining":n,"couponCode":"XXXX-XXXX-XXXX-XXXX"} or {"status":"soldOut"} ... (the
/// shape <see cref="ClaimHttpResult"/> writes; declared for OpenAPI).</summary>
public sealed record ClaimResponse(
    ClaimStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Remaining,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CouponCode = null);

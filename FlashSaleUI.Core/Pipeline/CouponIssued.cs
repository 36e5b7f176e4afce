using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>One issued coupon on its way to PostgreSQL: the value of a coupon-issued message (JSON), keyed by event code.</summary>
public sealed record CouponIssued(
    [property: JsonPropertyName("claimId")] string ClaimId,
    [property: JsonPropertyName("eventCode")] string EventCode,
    [property: JsonPropertyName("memberId")] string MemberId,
    [property: JsonPropertyName("issuedAt")] DateTimeOffset IssuedAt)
{
    public const int MaxClaimIdLength = 64;

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Parses and validates a message; a message that fails can never be stored (it goes to the DLQ).</summary>
    public static bool TryParse(string? key, string? json, out CouponIssued? coupon, out string reason)
    {
        coupon = null;
        if (string.IsNullOrEmpty(json)) { reason = "empty message"; return false; }
        try { coupon = JsonSerializer.Deserialize<CouponIssued>(json); }
        catch (JsonException e) { reason = $"unparseable JSON: {e.Message}"; return false; }
        reason = coupon switch
        {
            null => "message is not a JSON object",
            { ClaimId: null or "" } or { ClaimId.Length: > MaxClaimIdLength } => "claimId missing or longer than 64",
            _ when !Events.EventCode.TryParse(coupon.EventCode, out _) => "invalid eventCode",
            _ when !Events.MemberId.TryParse(coupon.MemberId, out _) => "invalid memberId",
            _ when coupon.IssuedAt == default => "issuedAt missing",
            _ when key is not null && key != coupon.EventCode => "message key differs from eventCode",
            _ => "",
        };
        if (reason.Length == 0) return true;
        coupon = null;
        return false;
    }
}

using System.Text.Json;

namespace FlashSaleUI.Api;

/// <summary>A claim's body: none, or {}. The member comes from the ticket; a memberId here (even null) is refused, so an
/// old client learns why instead of claiming in nobody's name.</summary>
public sealed record ClaimRequest(JsonElement MemberId)
{
    public bool NamesMember => MemberId.ValueKind != JsonValueKind.Undefined;
}

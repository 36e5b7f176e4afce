using System.Text.Json.Serialization;

namespace FlashSaleUI.Core.Claims;

/// <summary>A claim's outcome. Its name (<see cref="ClaimStatusNames"/>: "issued", "soldOut", ...) is the one word used
/// end to end: claim.lua's counter fields, the API's "status", the hub's "outcomes", the member page's messages.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClaimStatus>))]
public enum ClaimStatus
{
    [JsonStringEnumMemberName("issued")] Issued,
    [JsonStringEnumMemberName("duplicate")] Duplicate,
    [JsonStringEnumMemberName("soldOut")] SoldOut,
    [JsonStringEnumMemberName("notFound")] NotFound,
    [JsonStringEnumMemberName("notOpen")] NotOpen,
}

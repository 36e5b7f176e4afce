namespace FlashSaleUI.Core.Claims;

/// <summary>The names of <see cref="ClaimStatus"/>, made once: as the JSON carries them, and as claim.lua counts
/// attempts in fs:{CODE}:outcomes (issued, duplicate, soldOut, notOpen; an unknown sale is not counted).</summary>
public static class ClaimStatusNames
{
    public const string Issued = "issued", Duplicate = "duplicate", SoldOut = "soldOut", NotFound = "notFound", NotOpen = "notOpen";

    private static readonly string[] Names = [Issued, Duplicate, SoldOut, NotFound, NotOpen];

    public static string Name(this ClaimStatus status) => Names[(int)status];
}

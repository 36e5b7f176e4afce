namespace FlashSaleUI.Core.Claims;

public enum ClaimStatus
{
    Issued,
    Duplicate,
    SoldOut,
    NotFound,
    NotOpen,
}

/// <summary>The answer to one claim. <see cref="Remaining"/> is the stock left after an issued claim, else null.</summary>
public readonly record struct ClaimResult(ClaimStatus Status, long? Remaining = null)
{
    public static readonly ClaimResult Duplicate = new(ClaimStatus.Duplicate);
    public static readonly ClaimResult SoldOut = new(ClaimStatus.SoldOut);
    public static readonly ClaimResult NotFound = new(ClaimStatus.NotFound);
    public static readonly ClaimResult NotOpen = new(ClaimStatus.NotOpen);
    public static ClaimResult Issued(long remaining) => new(ClaimStatus.Issued, remaining);

    /// <summary>Maps claim.lua's return code (see its header).</summary>
    public static ClaimResult FromScript(long code) => code switch
    {
        >= 0 => Issued(code),
        -1 => NotFound,
        -2 => SoldOut,
        -3 => Duplicate,
        -4 => NotOpen,
        _ => throw new InvalidOperationException($"claim.lua returned an unknown code {code}."),
    };
}

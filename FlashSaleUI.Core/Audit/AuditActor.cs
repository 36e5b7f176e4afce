namespace FlashSaleUI.Core.Audit;

/// <summary>Who did something, and from where: the signed-in account (its id and name, and how it signed in: password,
/// twoFactor, sso, or token with the token's id), or the name tried at a failed sign-in; and the client address.</summary>
public sealed record AuditActor(string Name, string? Address, string? AccountId = null, string? Via = null, Guid? TokenId = null)
{
    /// <summary>How an account signed in (<see cref="Via"/>).</summary>
    public const string ViaPassword = "password", ViaTwoFactor = "twoFactor", ViaSso = "sso", ViaToken = "token";

    public const int MaxNameLength = 100;

    /// <summary>The app itself (startup repairs, tests): no operator, no address.</summary>
    public static readonly AuditActor System = new("system", null);

    /// <summary>Anything a client sent, made safe to store and show: printable, at most 100 characters.</summary>
    public static AuditActor From(string? name, string? address)
    {
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).Take(MaxNameLength).ToArray());
        return new AuditActor(clean.Length == 0 ? "(none)" : clean, address?[..Math.Min(address.Length, 64)]);
    }

    /// <summary>A signed-in account.</summary>
    public static AuditActor ForAccount(string accountId, string name, string? address, string via, Guid? tokenId = null) =>
        From(name, address) with { AccountId = accountId, Via = via, TokenId = tokenId };
}

namespace FlashSaleUI.Core.Audit;

/// <summary>Who did something, and from where: the signed-in operator (or the name tried at a failed sign-in) and the
/// client address.</summary>
public sealed record AuditActor(string Name, string? Address)
{
    public const int MaxNameLength = 100;

    /// <summary>The app itself (startup repairs, tests): no operator, no address.</summary>
    public static readonly AuditActor System = new("system", null);

    /// <summary>Anything a client sent, made safe to store and show: printable, at most 100 characters.</summary>
    public static AuditActor From(string? name, string? address)
    {
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).Take(MaxNameLength).ToArray());
        return new AuditActor(clean.Length == 0 ? "(none)" : clean, address?[..Math.Min(address.Length, 64)]);
    }
}

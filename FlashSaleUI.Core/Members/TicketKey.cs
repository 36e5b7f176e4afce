using System.Security.Cryptography;

namespace FlashSaleUI.Core.Members;

/// <summary>One key that signs member tickets: from <see cref="ActivatesAt"/> until <see cref="RetiresAt"/> it signs
/// new tickets, and until <see cref="ExpiresAt"/> (RetiresAt plus the ticket lifetime) it verifies them, so no ticket
/// outlives the key that checks it.</summary>
public sealed record TicketKey(int Id, byte[] Secret, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt)
{
    public bool Signs(DateTimeOffset now) => ActivatesAt <= now && now < RetiresAt;
    public bool Verifies(DateTimeOffset now) => now < ExpiresAt;

    // one keyed HMAC per thread: the one-shot HMACSHA256.HashData sets the key up on every call, which doubled the
    // cost of a check (docs/BENCHMARKS.md "Member tickets", row "the same before one keyed HMAC per thread")
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Secret));

    /// <summary>HMAC-SHA256 of <paramref name="data"/> under this key.</summary>
    public void Mac(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        var hmac = _hmac.Value!;
        hmac.AppendData(data);
        hmac.GetHashAndReset(mac);
    }
}

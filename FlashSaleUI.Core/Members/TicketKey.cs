namespace FlashSaleUI.Core.Members;

/// <summary>One key that signs member tickets: from <see cref="ActivatesAt"/> until <see cref="RetiresAt"/> it signs
/// new tickets, and until <see cref="ExpiresAt"/> (RetiresAt plus the ticket lifetime) it verifies them, so no ticket
/// outlives the key that checks it.</summary>
public sealed record TicketKey(int Id, byte[] Secret, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt)
{
    public bool Signs(DateTimeOffset now) => ActivatesAt <= now && now < RetiresAt;
    public bool Verifies(DateTimeOffset now) => now < ExpiresAt;
}

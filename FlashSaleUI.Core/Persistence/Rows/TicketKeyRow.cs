namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of member_ticket_keys. A key is never changed once written: it is only read until it expires.</summary>
public sealed record TicketKeyRow(string ProtectedSecret, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt,
    DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Given by the database on insert.</summary>
    public int Id { get; init; }
}

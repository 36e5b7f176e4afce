namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of member_ticket_keys.</summary>
public sealed class TicketKeyRow
{
    public int Id { get; set; }
    public string ProtectedSecret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ActivatesAt { get; set; }
    public DateTimeOffset RetiresAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

namespace FlashSaleUI.Core.Audit;

/// <summary>One recorded action. <see cref="Before"/> and <see cref="After"/> are the event's record as JSON.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string? Address, string Action, string? EventCode,
    string? Before, string? After, string? Detail, string? ActorId = null, string? Via = null, Guid? TokenId = null);

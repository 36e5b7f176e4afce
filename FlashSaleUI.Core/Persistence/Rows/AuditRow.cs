namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of audit_log: one operator action, who, when, from where, the record before and after.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>The account that acted (null for the app itself, and for a failed sign-in's tried name).</summary>
    public string? ActorId { get; set; }
    /// <summary>How it was signed in: password, twoFactor, sso or token.</summary>
    public string? Via { get; set; }
    /// <summary>The token, when it acted through one.</summary>
    public Guid? TokenId { get; set; }
    public string? Address { get; set; }
    public string Action { get; set; } = "";
    public string? EventCode { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Detail { get; set; }
}

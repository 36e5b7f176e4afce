namespace FlashSaleUI.Core.Events;

/// <summary>An operator's edit of a sale before it opens: a new name (null keeps it) and the window, as a whole.</summary>
public sealed class EventEdit
{
    public string? Name { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
}

namespace FlashSaleUI.Core.Events;

/// <summary>What an operator submits to create an event, before validation (API body and UI form alike).</summary>
public sealed class NewEvent
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public long? Stock { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Events;

/// <summary>The "LiveState" configuration section.</summary>
public sealed class LiveStateOptions
{
    public const string Section = "LiveState";
    /// <summary>How often active events' Redis state is compared with PostgreSQL.</summary>
    [Range(0.2, 3_600.0)]
    public double CheckSeconds { get; set; } = 2;
}

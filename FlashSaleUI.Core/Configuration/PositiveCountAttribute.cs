using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Configuration;

/// <summary>A count of one or more with no limit worth naming (permits, bursts, rates): zero or less would refuse
/// everyone. The ceiling of a billion keeps sums of such counts inside an int.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveCountAttribute() : RangeAttribute(1, 1_000_000_000);

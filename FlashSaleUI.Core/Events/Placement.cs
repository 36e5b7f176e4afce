namespace FlashSaleUI.Core.Events;

public sealed record Placement(PlacementChange Change, long Issued, long Remaining);

namespace FlashSaleUI.Core.Events;

public sealed record LiveStateRepair(string EventCode, string Reason, long StoredGrants, long Issued, long Remaining, DateTimeOffset At);

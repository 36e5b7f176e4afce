namespace FlashSaleUI.Core.Stats;

/// <summary>One wall-clock second of a sale: attempts per outcome in that second, stock and backlog at its end, and
/// this instance's claim latency quantiles over it.</summary>
public sealed record SaleSecond(DateTimeOffset End, double Issued, double SoldOut, double Duplicate, double NotOpen,
    long Remaining, long Backlog, double? P50Ms, double? P99Ms);

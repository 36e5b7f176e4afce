namespace FlashSaleUI.Core.Pipeline;

/// <summary>Where the sink stores what one Kafka batch held: its coupons and its dead letters, together.</summary>
public interface ICouponBatchStore
{
    /// <summary>Which of these event codes exist (a coupon for an unknown event can never be stored).</summary>
    Task<HashSet<string>> KnownEventsAsync(IReadOnlyCollection<string> codes, CancellationToken ct);

    /// <summary>Stores the coupons (redelivered ones add nothing) and the dead letters in one transaction; returns
    /// how many coupons were new.</summary>
    Task<long> WriteAsync(IReadOnlyList<CouponIssued> coupons, IReadOnlyList<DeadLetter> deadLetters, CancellationToken ct);
}

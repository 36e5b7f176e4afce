using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Coupons;

/// <summary>Reading the coupons the pipeline stored (PostgreSQL): the winners of a sale.</summary>
public interface IStoredCoupons
{
    Task<StoredCoupon?> FindAsync(EventCode code, MemberId member, CancellationToken ct = default);

    /// <summary>Keyset pages: a page costs the same at the millionth row as at the first.</summary>
    Task<CouponPage> PageAsync(EventCode code, CouponQuery query, CancellationToken ct = default);

    /// <summary>Writes every stored coupon of the event as CSV (header, then member id, coupon code, issued at in UTC
    /// ISO 8601), streamed from the database: memory stays flat however many there are.</summary>
    Task WriteCsvAsync(EventCode code, TextWriter output, CancellationToken ct = default);

    /// <summary>Which of these members have no stored coupon for the event (reconciliation's question).</summary>
    Task<IReadOnlyList<string>> WithoutStoredCouponAsync(EventCode code, IReadOnlyCollection<string> members,
        CancellationToken ct = default);

    /// <summary>How many coupons of the event are stored.</summary>
    Task<long> CountAsync(EventCode code, string? memberPrefix = null, CancellationToken ct = default);
}

using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Tests.Integration.Pipeline;

/// <summary>The sink's PostgreSQL writer on its own: a batch goes in by COPY straight into coupon_issues when it can,
/// and the idempotent staged way when it cannot (a redelivery, an unknown event).</summary>
public sealed class CouponBatchStoreTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static CouponIssued Coupon(EventCode code, string member) =>
        new(ClaimId.New(), code.Value, member, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_redelivered_batch_stores_only_its_new_coupons_and_counts_them_once()
    {
        var code = await pipeline.CreateEventAsync(100);
        var store = pipeline.Host.Get<ICouponBatchStore>();
        var first = Enumerable.Range(0, 50).Select(i => Coupon(code, $"re-{i}")).ToList();
        Assert.Equal(50, await store.WriteAsync(first, [], CancellationToken.None));

        // the same 50 again (a consumer that crashed before committing its offsets), plus 3 new ones
        var again = first.Concat(Enumerable.Range(50, 3).Select(i => Coupon(code, $"re-{i}"))).ToList();
        Assert.Equal(3, await store.WriteAsync(again, [], CancellationToken.None));
        Assert.Equal(0, await store.WriteAsync(again, [], CancellationToken.None));

        Assert.Equal((53, 53, 53), await PipelineAssertions.RowsAsync(pipeline.Database, code));
        // the first write's claim ids stayed: a replay never overwrites a stored coupon
        Assert.Equal(1, await pipeline.Database.ScalarAsync(
            $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}' AND claim_id = '{first[0].ClaimId}'"));
    }

    [Fact]
    public async Task The_batch_store_never_stores_a_coupon_whose_event_does_not_exist()
    {
        // the sink dead-letters unknown events before writing; the store itself must hold the line too (no foreign key)
        var code = await pipeline.CreateEventAsync(10);
        var store = pipeline.Host.Get<ICouponBatchStore>();
        var inserted = await store.WriteAsync([Coupon(code, "kept-member"),
            Coupon(EventCode.Parse("NO-SUCH-SALE"), "orphan-member")], [], CancellationToken.None);
        Assert.Equal(1, inserted);
        Assert.Equal(0, await pipeline.Database.ScalarAsync("SELECT count(*) FROM coupon_issues WHERE event_code = 'NO-SUCH-SALE'"));
        Assert.Equal((1, 1, 1), await PipelineAssertions.RowsAsync(pipeline.Database, code));
    }
}

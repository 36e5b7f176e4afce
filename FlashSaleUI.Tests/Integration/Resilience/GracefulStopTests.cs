namespace FlashSaleUI.Tests.Integration.Resilience;

[Collection(TimingSensitive.Name)]
public sealed class GracefulStopTests
{
    [Fact]
    public async Task A_stop_right_after_a_burst_stores_every_granted_coupon_before_the_process_ends()
    {
        // the embedded broker lives in the app: whatever it still holds at exit is gone with it
        var app = new AppFactory();
        await app.InitializeAsync();
        try
        {
            var code = TestCodes.New("STOP");
            await app.OperatorClient().CreateEventAsync(code, stock: 30_000);
            var claims = app.Services.GetRequiredService<IClaimService>();
            var eventCode = EventCode.Parse(code);
            var results = await Task.WhenAll(Enumerable.Range(0, 30_000).Select(i => claims.ClaimAsync(eventCode,
                MemberId.Parse($"s{i}"))));
            Assert.All(results, r => Assert.Equal(ClaimStatus.Issued, r.Status));

            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await app.StopAsync(); // SIGTERM: the host stops its services and waits for them
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"the stop took {stopping.Elapsed.TotalSeconds:F1} s");

            Assert.Equal(30_000, await app.Database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'"));
            Assert.Equal(30_000, await app.Database.ScalarAsync(
                $"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code}'"));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

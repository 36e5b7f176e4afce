namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>An app whose sink is off: a granted coupon is never stored, so Redis keeps issuing more than PostgreSQL
/// holds and every sample of the sale reads its record again.</summary>
public sealed class UnstoredApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Pipeline:SinkEnabled"] = "false",
    };
}

public sealed class ConcurrentSamplingTests(UnstoredApp app) : IClassFixture<UnstoredApp>
{
    [Fact]
    public async Task Samplers_running_side_by_side_never_find_a_known_sale_missing()
    {
        var code = TestCodes.New("SIDE");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().ClaimAsync(code, "granted")).StatusCode);
        var events = app.Services.GetRequiredService<EventReads>();
        var eventCode = EventCode.Parse(code);

        // the stats feed, operators' reads and the public read all sample through the same service at once
        var misses = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
                if (await events.GetAsync(eventCode) is null) Interlocked.Increment(ref misses);
        })));
        Assert.Equal(0, misses);
    }
}

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>The Prometheus scrape: the app's meters, ASP.NET Core's and the runtime's, for operators only.</summary>
public sealed class MetricsExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Operators_scrape_claims_by_outcome_latency_and_http_metrics_members_cannot()
    {
        var code = TestCodes.New("MET");
        await app.OperatorClient().CreateEventAsync(code, stock: 1);
        var member = app.CreateClient();
        await member.ClaimAsync(code, "first");
        await member.ClaimAsync(code, "second");
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/metrics")).StatusCode);

        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            var response = await app.OperatorClient().GetAsync("/metrics");
            text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && text.Contains("flashsale_claims_total");
        }, TimeSpan.FromSeconds(10), () => Task.FromResult(text.Length > 500 ? text[..500] : text));
        Assert.Matches("flashsale_claims_total\\{[^}]*outcome=\"Issued\"[^}]*\\} [1-9]", text);
        Assert.Matches("flashsale_claims_total\\{[^}]*outcome=\"SoldOut\"[^}]*\\} [1-9]", text);
        Assert.Contains("flashsale_claim_duration_seconds_bucket", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        // the runtime's own, for memory questions on the night: the GC heap and the working set
        Assert.Matches("dotnet_gc_last_collection_heap_size_bytes\\{[^}]*gc_heap_generation=\"gen2\"[^}]*\\} [0-9]", text);
        Assert.Matches("dotnet_process_memory_working_set_bytes\\{[^}]*\\} [1-9]", text);
    }
}

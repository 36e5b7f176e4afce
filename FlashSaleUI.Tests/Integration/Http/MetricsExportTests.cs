using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

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

    [Fact]
    public async Task The_sink_lag_gauge_reports_each_partition_the_sink_owns()
    {
        var code = TestCodes.New("LAGG");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var member = app.CreateClient();
        await member.ClaimAsync(code, "lag-gauge");
        // stored: the sink has read the coupon's partition, so that partition's lag is measured from now on
        await Eventually.HoldsAsync(async () => (await (await member.GetAsync($"/api/events/{code}")).JsonAsync())
            .GetProperty("persisted").GetInt64() == 1, TimeSpan.FromSeconds(30), () => Task.FromResult("not stored"));

        // this app's own instrument: several apps share this test process, and an exporter there may show another's
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var lag = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "flashsale.sink.lag") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            lag[tags.ToArray().Single(t => t.Key == "partition").Value!.ToString()!] = value);
        listener.Start();
        await Eventually.HoldsAsync(() =>
        {
            listener.RecordObservableInstruments();
            return Task.FromResult(!lag.IsEmpty && lag.Values.All(v => v == 0));
        }, TimeSpan.FromSeconds(10), () => Task.FromResult($"lag: {string.Join(", ", lag)}"));
    }
}

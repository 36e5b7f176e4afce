using FlashSaleUI.Core.Audit;

namespace FlashSaleUI.Tests.Integration.Resilience;

public sealed class SamplingCostTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_quiet_sale_watched_for_two_seconds_is_read_from_PostgreSQL_about_once_a_second_not_every_tick()
    {
        var code = TestCodes.New("QUIET");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var store = new CountingEventStore(app.Services.GetRequiredService<IEventStore>()); // the real store, counted
        var events = new EventReads(store, app.Services.GetRequiredService<ILiveEventStore>(), TimeProvider.System);
        var eventCode = EventCode.Parse(code);

        for (var tick = 0; tick < 20; tick++) // the stats publisher's ticks: 10 a second
        {
            var sample = Assert.Single(await events.SampleAsync([eventCode]));
            Assert.Equal(10, sample.Stats.Event.Remaining);
            await Task.Delay(100);
        }
        Assert.InRange(store.Reads, 1, 2);

        // a claim moves the numbers: the new state is there on the next tick
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().ClaimAsync(code, "mover")).StatusCode);
        Assert.Equal(9, (await events.SampleAsync([eventCode]))[0].Stats.Event.Remaining);
    }

    private sealed class CountingEventStore(IEventStore inner) : IEventStore
    {
        public int Reads;
        public Task<bool> TryAddAsync(FlashSaleEvent sale, AuditActor actor,
            CancellationToken ct = default) => inner.TryAddAsync(sale, actor, ct);
        public Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default) => inner.GetAsync(code, ct);
        public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default) => inner.ListAsync(ct);
        public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes,
            CancellationToken ct = default)
        {
            Interlocked.Increment(ref Reads);
            return inner.GetWithPersistedAsync(codes, ct);
        }
        public Task<(EventDecision Decision, FlashSaleEvent? Changed)> ChangeAsync(EventCode code,
            Func<FlashSaleEvent, EventDecision> decide,
            AuditActor actor, string action, CancellationToken ct = default) => inner.ChangeAsync(code, decide, actor, action, ct);
        public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now,
            CancellationToken ct = default) =>
            inner.ListActiveAsync(now, ct);
        public IAsyncEnumerable<IReadOnlyList<Grant>> StoredGrantsAsync(EventCode code, int pageSize, CancellationToken ct = default) =>
            inner.StoredGrantsAsync(code, pageSize, ct);
    }
}

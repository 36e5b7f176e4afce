using FlashSaleUI.Core.Concurrency;

namespace FlashSaleUI.Tests.Unit;

public sealed class SharedResultsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Work_runs_once_per_key_while_running_and_for_max_age_after_a_success_and_again_after_a_failure()
    {
        var clock = new ManualClock();
        var results = new SharedResults<string, int>(TimeSpan.FromSeconds(1), clock);
        var starts = 0;
        var gate = new TaskCompletionSource();
        async Task<int> Work(string key) { Interlocked.Increment(ref starts); await gate.Task; return starts; }

        var first = results.GetOrStart("a", Work);
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.Same(first, results.GetOrStart("a", Work)); // still running: shared however long it takes
        gate.SetResult();
        Assert.Equal(1, await first);

        var second = results.GetOrStart("a", Work); // finished, but started 5 s ago: done again
        Assert.Equal(2, await second);
        clock.Now += TimeSpan.FromMilliseconds(900);
        Assert.Same(second, results.GetOrStart("a", Work)); // a success under a second old is shared
        clock.Now += TimeSpan.FromMilliseconds(200);
        Assert.Equal(3, await results.GetOrStart("a", Work));
        Assert.Equal(4, await results.GetOrStart("b", Work)); // each key its own

        var failing = results.GetOrStart("c", _ => Task.FromException<int>(new InvalidOperationException("down")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(5, await results.GetOrStart("c", Work)); // a failure is not kept: the next caller tries again
    }

    [Fact]
    public async Task Past_ten_thousand_keys_expired_results_make_room_and_fresh_ones_are_kept_a_new_key_runs_unshared()
    {
        var clock = new ManualClock();
        var results = new SharedResults<int, int>(TimeSpan.FromSeconds(1), clock);
        for (var key = 0; key < 10_000; key++) await results.GetOrStart(key, k => Task.FromResult(k));
        var starts = 0;
        Task<int> Counted(int k) { Interlocked.Increment(ref starts); return Task.FromResult(k); }

        // every kept result is fresh: a new key's work runs, and is not kept (the next caller runs it again)
        await results.GetOrStart(-1, Counted);
        await results.GetOrStart(-1, Counted);
        Assert.Equal(2, starts);
        Assert.Equal(0, await results.GetOrStart(0, Counted)); // a kept one is still shared
        Assert.Equal(2, starts);

        // once they have expired, a sweep makes room: the new key is kept again
        clock.Now += TimeSpan.FromSeconds(1);
        await results.GetOrStart(-1, Counted);
        await results.GetOrStart(-1, Counted);
        Assert.Equal(3, starts);
    }
}

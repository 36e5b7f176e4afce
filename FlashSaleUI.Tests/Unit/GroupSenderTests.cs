using FlashSaleUI.Core.Stats;
using FlashSaleUI.Hubs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

public sealed class GroupSenderTests
{
    private static EventStats Message(long issued) => new(
        new EventView("SLOW-1", "Slow", 100, 100 - issued, issued, 0, null, null, EventState.Open),
        LiveCounters.Totals(100 - issued, issued), ClaimRates.Zero, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_slow_send_never_holds_up_the_publisher_and_only_the_newest_snapshot_waits()
    {
        var release = new TaskCompletionSource();
        var sent = new List<long>();
        var sender = new GroupSender(async (m, _) =>
        {
            lock (sent) sent.Add(m.Event.Issued);
            if (m.Event.Issued == 1) await release.Task; // a slow client holds the first send
        }, NullLogger.Instance, TimeProvider.System);

        foreach (var issued in new long[] { 1, 2, 3, 4 })
            Assert.True(sender.PostAsync(Message(issued)).IsCompletedSuccessfully); // the publisher never waits

        release.SetResult();
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count == 2), TimeSpan.FromSeconds(2),
            () => Task.FromResult(string.Join(",", sent)));
        await Task.Delay(100);
        Assert.Equal([1L, 4L], sent); // 2 and 3 were superseded while the first was being written
    }

    [Fact]
    public async Task A_send_held_up_by_a_connection_that_stopped_reading_is_cancelled_and_the_newest_stats_go_next()
    {
        var clock = new FakeTimeProvider();
        var sent = new List<long>();
        var cancelled = new TaskCompletionSource<long>();
        var sender = new GroupSender(async (m, ct) =>
        {
            lock (sent) sent.Add(m.Event.Issued);
            if (m.Event.Issued != 1) return;
            try { await Task.Delay(Timeout.Infinite, ct); } // SignalR's flush to a client whose buffers are full
            catch (OperationCanceledException) { cancelled.SetResult(m.Event.Issued); throw; }
        }, NullLogger.Instance, clock);

        await sender.PostAsync(Message(1));
        await sender.PostAsync(Message(2));
        await sender.PostAsync(Message(3));
        clock.Advance(GroupSender.SendTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(cancelled.Task.IsCompleted); // a send is given its time
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count == 2), TimeSpan.FromSeconds(2),
            () => Task.FromResult(string.Join(",", sent)));
        Assert.Equal([1L, 3L], sent);
    }
}

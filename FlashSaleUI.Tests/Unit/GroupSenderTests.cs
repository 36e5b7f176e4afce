using FlashSaleUI.Core.Stats;
using FlashSaleUI.Hubs;
using Microsoft.Extensions.Logging.Abstractions;

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
        var sender = new GroupSender(async m =>
        {
            lock (sent) sent.Add(m.Event.Issued);
            if (m.Event.Issued == 1) await release.Task; // a slow client holds the first send
        }, NullLogger.Instance);

        foreach (var issued in new long[] { 1, 2, 3, 4 })
            Assert.True(sender.PostAsync(Message(issued)).IsCompletedSuccessfully); // the publisher never waits

        release.SetResult();
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count == 2), TimeSpan.FromSeconds(2),
            () => Task.FromResult(string.Join(",", sent)));
        await Task.Delay(100);
        Assert.Equal([1L, 4L], sent); // 2 and 3 were superseded while the first was being written
    }
}

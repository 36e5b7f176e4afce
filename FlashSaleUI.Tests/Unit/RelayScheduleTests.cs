using FlashSaleUI.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The relay's per-event backoff and reclaim turns, on a fake clock: nothing here waits.</summary>
public class RelayScheduleTests
{
    private static readonly TimeSpan ReclaimIdle = TimeSpan.FromSeconds(15);

    [Fact]
    public void Failed_deliveries_back_off_200_400_800_ms_up_to_5_s_and_a_delivery_starts_again_at_200_ms()
    {
        var clock = new FakeTimeProvider();
        var schedule = new RelaySchedule(clock, ReclaimIdle);
        Assert.False(schedule.Waiting);

        var waits = new List<TimeSpan>();
        for (var failure = 0; failure < 8; failure++)
        {
            schedule.DeliveryFailed();
            Assert.True(schedule.HasOwnPending); // the undelivered entries are read again first
            waits.Add(WaitOut(clock, schedule));
        }
        Assert.Equal(new[] { 200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000 }.Select(ms => TimeSpan.FromMilliseconds(ms)), waits);

        schedule.Delivered();
        schedule.DeliveryFailed();
        Assert.Equal(TimeSpan.FromMilliseconds(200), WaitOut(clock, schedule));
    }

    [Fact]
    public void Entries_left_by_a_dead_relay_are_looked_for_once_per_half_reclaim_interval()
    {
        var clock = new FakeTimeProvider();
        var schedule = new RelaySchedule(clock, ReclaimIdle);
        Assert.True(schedule.TakeReclaimTurn()); // at once on start: a relay that died before us left entries
        Assert.False(schedule.TakeReclaimTurn());

        clock.Advance(ReclaimIdle / 2);
        Assert.False(schedule.TakeReclaimTurn()); // not yet: strictly more than half the interval
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(schedule.TakeReclaimTurn());
        Assert.False(schedule.TakeReclaimTurn());
    }

    /// <summary>Advances the clock in 10 ms steps while the schedule waits; returns how long that was.</summary>
    private static TimeSpan WaitOut(FakeTimeProvider clock, RelaySchedule schedule)
    {
        var waited = TimeSpan.Zero;
        while (schedule.Waiting)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            waited += TimeSpan.FromMilliseconds(10);
        }
        return waited;
    }
}

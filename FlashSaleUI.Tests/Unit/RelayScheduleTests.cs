using FlashSaleUI.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The relay's per-event redelivery state and reclaim turns, on a fake clock: nothing here waits.</summary>
public class RelayScheduleTests
{
    private static readonly TimeSpan ReclaimIdle = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_redelivery_keeps_the_event_out_of_rounds_until_it_has_gone_through()
    {
        var schedule = new RelaySchedule(new FakeTimeProvider(), ReclaimIdle);
        Assert.False(schedule.Redelivering);
        var redelivery = new TaskCompletionSource();
        schedule.Redeliver(redelivery.Task);
        Assert.True(schedule.Redelivering);
        schedule.ThrowIfRedeliveryFailed(); // still running: nothing to say
        redelivery.SetResult();
        Assert.False(schedule.Redelivering);
        schedule.ThrowIfRedeliveryFailed();
        Assert.False(schedule.HasOwnPending); // everything went through
    }

    [Fact]
    public void A_redelivery_that_failed_for_good_is_the_rounds_failure_once_and_its_entries_are_read_again_first()
    {
        var schedule = new RelaySchedule(new FakeTimeProvider(), ReclaimIdle);
        var redelivery = new TaskCompletionSource();
        schedule.Redeliver(redelivery.Task);
        redelivery.SetException(new InvalidOperationException("the producer is fenced"));
        Assert.Throws<InvalidOperationException>(schedule.ThrowIfRedeliveryFailed);
        Assert.True(schedule.HasOwnPending);
        schedule.ThrowIfRedeliveryFailed(); // reported once: the next producer starts cleanly
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
}

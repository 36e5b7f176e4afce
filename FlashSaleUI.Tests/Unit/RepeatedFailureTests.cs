using FlashSaleUI.Core.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

public sealed class RepeatedFailureTests
{
    [Fact]
    public void An_outage_is_reported_once_per_interval_with_the_count_since()
    {
        var clock = new FakeTimeProvider();
        var failure = new RepeatedFailure(TimeSpan.FromSeconds(5), clock);

        Assert.True(failure.ShouldReport(out var first));
        Assert.Equal(1, first);
        for (var i = 0; i < 99; i++) Assert.False(failure.ShouldReport(out _));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(failure.ShouldReport(out var since));
        Assert.Equal(100, since); // the 99 kept quiet, and this one
        Assert.False(failure.ShouldReport(out _));
    }
}

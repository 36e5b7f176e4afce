using FlashSaleUI.Components.Shared;

namespace FlashSaleUI.Tests.Unit;

public class OperatorTimeTests
{
    [Fact]
    public void A_local_time_in_seoul_is_nine_hours_ahead_of_utc_and_formats_back()
    {
        var at = OperatorTime.Parse("2026-11-24T09:30", 9 * 60);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 30, 0, TimeSpan.Zero), at);
        Assert.Equal("2026-11-24T09:30", OperatorTime.Format(at, 9 * 60));
        Assert.Equal("2026-11-23T19:30", OperatorTime.Format(at, -5 * 60));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T10:00")]
    public void Anything_else_is_no_time(string? text) => Assert.Null(OperatorTime.Parse(text, 0));
}

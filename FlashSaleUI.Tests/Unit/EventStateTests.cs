namespace FlashSaleUI.Tests.Unit;

public class EventStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static FlashSaleEvent Sale(DateTimeOffset? opens = null, DateTimeOffset? closes = null, DateTimeOffset? closed = null) =>
        new(EventCode.Parse("SALE"), "Sale", 10, opens, closes, closed, Now.AddDays(-1));

    [Fact]
    public void Before_opening_it_is_scheduled() => Assert.Equal(EventState.Scheduled, Sale(opens: Now.AddMinutes(1)).StateAt(Now, 10));

    [Fact]
    public void Within_the_window_with_stock_it_is_open() =>
        Assert.Equal(EventState.Open, Sale(opens: Now, closes: Now.AddMinutes(1)).StateAt(Now, 1));

    [Fact]
    public void Without_stock_it_is_sold_out() => Assert.Equal(EventState.SoldOut, Sale().StateAt(Now, 0));

    [Fact]
    public void At_closing_time_it_is_closed() => Assert.Equal(EventState.Closed, Sale(closes: Now).StateAt(Now, 5));

    [Fact]
    public void Closed_by_an_operator_wins_over_stock_and_window() =>
        Assert.Equal(EventState.Closed, Sale(opens: Now.AddDays(1), closed: Now).StateAt(Now, 0));
}

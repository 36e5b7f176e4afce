namespace FlashSaleUI.Tests.Unit;

public class EventValidationTests
{
    private static NewEvent Valid() => new() { Code = "SALE-1", Name = "Launch", Stock = 100 };

    [Fact]
    public void A_valid_event_has_no_errors() => Assert.Empty(EventValidation.Validate(Valid()));

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(10_000_001L)]
    [InlineData(long.MaxValue)]
    [InlineData(null)]
    public void Stock_outside_1_to_10_million_is_rejected(long? stock)
    {
        var input = Valid();
        input.Stock = stock;
        Assert.Contains("stock", EventValidation.Validate(input).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("tab\there")]
    public void Name_must_be_printable_text(string? name)
    {
        var input = Valid();
        input.Name = name;
        Assert.Contains("name", EventValidation.Validate(input).Keys);
    }

    [Fact]
    public void Name_longer_than_100_is_rejected()
    {
        var input = Valid();
        input.Name = new string('n', 101);
        Assert.Contains("name", EventValidation.Validate(input).Keys);
    }

    [Fact]
    public void Closing_before_opening_is_rejected()
    {
        var input = Valid();
        input.OpensAt = DateTimeOffset.UtcNow.AddHours(2);
        input.ClosesAt = input.OpensAt.Value.AddMinutes(-1);
        Assert.Contains("closesAt", EventValidation.Validate(input).Keys);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = EventValidation.Validate(new NewEvent { Code = "x y", Name = "", Stock = 0 });
        Assert.Equal(["code", "name", "stock"], errors.Keys.Order());
    }

    [Fact]
    public void Creating_normalises_times_to_utc_and_trims_the_name()
    {
        var opens = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(9));
        var input = Valid();
        input.Name = "  Launch  ";
        input.OpensAt = opens;
        Assert.True(EventValidation.TryCreate(input, DateTimeOffset.UtcNow, out var sale, out _));
        Assert.Equal("Launch", sale!.Name);
        Assert.Equal(TimeSpan.Zero, sale.OpensAt!.Value.Offset);
        Assert.Equal(opens, sale.OpensAt);
    }
}

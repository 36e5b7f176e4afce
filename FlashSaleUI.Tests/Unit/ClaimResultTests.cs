namespace FlashSaleUI.Tests.Unit;

public class ClaimResultTests
{
    [Theory]
    [InlineData(0L, ClaimStatus.Issued)]
    [InlineData(41L, ClaimStatus.Issued)]
    [InlineData(-1L, ClaimStatus.NotFound)]
    [InlineData(-2L, ClaimStatus.SoldOut)]
    [InlineData(-3L, ClaimStatus.Duplicate)]
    [InlineData(-4L, ClaimStatus.NotOpen)]
    public void Script_codes_map_to_outcomes(long code, ClaimStatus expected) =>
        Assert.Equal(expected, ClaimResult.FromScript(code).Status);

    [Fact]
    public void Issued_carries_the_remaining_stock() => Assert.Equal(41, ClaimResult.FromScript(41).Remaining);

    [Fact]
    public void An_unknown_code_is_an_error_not_a_guess() =>
        Assert.Throws<InvalidOperationException>(() => ClaimResult.FromScript(-9));
}

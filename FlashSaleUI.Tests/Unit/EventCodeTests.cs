namespace FlashSaleUI.Tests.Unit;

public class EventCodeTests
{
    [Theory]
    [InlineData("ABC")]
    [InlineData("BLACK-FRIDAY_2026")]
    [InlineData("A1234567890123456789012345678901")] // 32
    public void Accepts_codes_of_the_contract_alphabet(string text)
    {
        Assert.True(EventCode.TryParse(text, out var code));
        Assert.Equal(text, code.Value);
    }

    public static TheoryData<string?> Hostile => new()
    {
        null, "", "AB", "abc", "A{B}C", "{ABC}", "AB:C", "AB*C", "AB C", " ABC", "ABC\n", "ÄBC", "ＡＢＣ", "АБВ",
        "A12345678901234567890123456789012", new string('A', 10_240), "AB/C", "AB.C", "AB\0C",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Rejects_anything_else(string? text) => Assert.False(EventCode.TryParse(text, out _));

    [Theory]
    [InlineData("m")]
    [InlineData("alice.smith@example.com")]
    [InlineData("Member_42-x")]
    public void Member_ids_of_the_contract_alphabet_are_accepted(string text) => Assert.True(MemberId.TryParse(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a{b}")]
    [InlineData("a:b")]
    [InlineData("mémber")]
    [InlineData("a*")]
    [InlineData("alice\n")]
    public void Other_member_ids_are_rejected(string? text) => Assert.False(MemberId.TryParse(text, out _));

    [Fact]
    public void Member_ids_longer_than_64_are_rejected()
    {
        Assert.True(MemberId.TryParse(new string('m', 64), out _));
        Assert.False(MemberId.TryParse(new string('m', 65), out _));
    }
}

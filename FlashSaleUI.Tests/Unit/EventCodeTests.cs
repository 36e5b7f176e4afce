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
    public void Local_member_ids_of_the_contract_alphabet_are_accepted_everywhere(string text) =>
        Assert.True(MemberId.TryParseLocal(text, out _) && MemberId.TryParse(text, out _));

    [Theory]
    [InlineData("auth0|5f8a3c2b9d1e4f0012345678")]
    [InlineData("someone+sale@example.com")]
    [InlineData("google-oauth2|1234 5678")]
    [InlineData("mémber 😀")]
    public void Identity_provider_ids_are_accepted_but_not_at_local_sign_in(string text)
    {
        Assert.True(MemberId.TryParse(text, out var member));
        Assert.Equal(text, member.Value);
        Assert.False(MemberId.TryParseLocal(text, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" alice")]
    [InlineData("alice ")]
    [InlineData("alice\n")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007Fb")]
    public void Ids_no_provider_issues_are_rejected(string? text)
    {
        Assert.False(MemberId.TryParse(text, out _));
        Assert.False(MemberId.TryParseLocal(text, out _));
    }

    [Fact]
    public void Lone_surrogate_halves_are_rejected() // not valid UTF-8 (built here: attribute strings cannot carry them)
    {
        Assert.False(MemberId.TryParse("a" + (char)0xD800 + "b", out _));
        Assert.False(MemberId.TryParse("a" + (char)0xDC00, out _));
        Assert.True(MemberId.TryParse("a" + (char)0xD83D + (char)0xDE00, out _)); // a pair is one character
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a{b}")]
    [InlineData("a:b")]
    [InlineData("mémber")]
    [InlineData("a*")]
    public void Local_sign_in_takes_only_its_alphabet(string text) => Assert.False(MemberId.TryParseLocal(text, out _));

    [Fact]
    public void Member_ids_are_at_most_255_characters_and_64_under_local_sign_in()
    {
        Assert.True(MemberId.TryParse(new string('m', 255), out _));
        Assert.False(MemberId.TryParse(new string('m', 256), out _));
        Assert.True(MemberId.TryParseLocal(new string('m', 64), out _));
        Assert.False(MemberId.TryParseLocal(new string('m', 65), out _));
    }
}

using FlashSaleUI.Security;

namespace FlashSaleUI.Tests.Unit;

public sealed class LocalRedirectTests
{
    [Theory]
    [InlineData("/operator")]
    [InlineData("/operator/events/SALE-1?x=1")]
    [InlineData("/")]
    [InlineData("~/operator")]
    public void Paths_on_this_site_are_local(string url) => Assert.True(LocalRedirect.IsLocal(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/ok\\..\\evil")]
    [InlineData("~//evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("operator")]
    public void Anything_that_could_leave_the_site_is_not(string? url) => Assert.False(LocalRedirect.IsLocal(url));
}

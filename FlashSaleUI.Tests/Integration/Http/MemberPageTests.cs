namespace FlashSaleUI.Tests.Integration.Http;

public sealed class MemberPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_member_page_is_rendered_at_most_once_a_second_per_sale_and_sets_no_cookie()
    {
        var code = TestCodes.New("PAGE");
        await app.OperatorClient().CreateEventAsync(code, stock: 7);
        var member = app.CreateClient();

        var first = await member.GetAsync($"/claim/{code}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        Assert.False(first.Headers.Contains("Set-Cookie")); // nothing per visitor: the page is the same for all
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains($"data-code=\"{code}\"", html);
        Assert.Contains("id=\"remaining\">7<", html);

        // a claim lands; within the second the same page is served, after it the new count
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "first-member")).StatusCode);
        Assert.Equal(html, await member.GetStringAsync($"/claim/{code}"));
        await Task.Delay(1_100);
        Assert.Contains("id=\"remaining\">6<", await member.GetStringAsync($"/claim/{code}"));

        // each sale its own page; an unknown one says so
        Assert.Contains("Unknown sale", await member.GetStringAsync("/claim/NO-SUCH-SALE"));
        Assert.Contains("Unknown sale", await member.GetStringAsync("/claim/%7Bbad%7D"));
    }
}

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>The event read and the member page carry nothing personal: an HTTP cache may hold them for a second, and
/// a second read that sends the ETag back within it is a 304 without a body.</summary>
public sealed class PublicCachingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/api/events/{0}")]
    [InlineData("/claim/{0}")]
    public async Task A_public_read_is_cacheable_for_a_second_and_a_repeat_with_its_ETag_is_304(string pathFormat)
    {
        var code = TestCodes.New("CACHE");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var client = app.CreateClient();
        var path = string.Format(pathFormat, code);

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=1", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);

        // another ETag is no match: the full answer
        var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task A_grant_changes_the_event_reads_ETag()
    {
        var code = TestCodes.New("CACHE");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var client = app.CreateClient();
        var before = (await client.GetAsync($"/api/events/{code}")).Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, (await client.ClaimAsync(code, "cache-member")).StatusCode);
        var after = await client.GetAsync($"/api/events/{code}");
        Assert.NotEqual(before, after.Headers.ETag);
        Assert.Equal(4, (await after.JsonAsync()).GetProperty("remaining").GetInt64());
    }
}

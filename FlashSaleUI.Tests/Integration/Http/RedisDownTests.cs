namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>With Redis not answering, every request that needs it is told so: 503 with Retry-After, never a 500.</summary>
public sealed class RedisDownTests(RedisDownApp app) : IClassFixture<RedisDownApp>
{
    private readonly HttpClient _member = app.CreateClient();

    [Fact]
    public async Task A_claim_is_503_unavailable_with_a_retry_time()
    {
        var response = await _member.ClaimAsync("ANY-SALE", "alice");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_event_read_is_503_problem_details_naming_Redis()
    {
        var response = await _member.GetAsync("/api/events/ANY-SALE");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Redis", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_member_page_is_a_503_page_that_reloads_itself()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/claim/ANY-SALE");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _member.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("http-equiv=\"refresh\"", html);
        Assert.Contains("Redis", html);
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;

namespace FlashSaleUI.Tests.Integration.Accounts;

/// <summary>Every endpoint, hub and console page, called as anonymous, as a token of each role, with a revoked token
/// and with a disabled account's token: each gets exactly the answer its rule says. An endpoint without a rule here
/// fails the test, so nothing new ships without deciding who may call it.</summary>
public sealed class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private enum Who { Anyone, Member, Viewer, Operator, Admin }

    // who may call what: method and route pattern, as the app maps them
    private static readonly Dictionary<string, Who> Rules = new()
    {
        ["GET /"] = Who.Anyone,
        ["GET /health"] = Who.Anyone,
        ["GET /health/live"] = Who.Anyone,
        ["GET /openapi/{documentName}.json"] = Who.Anyone,
        ["GET /claim/{code}"] = Who.Anyone,
        ["GET /api/events/{code}"] = Who.Anyone,
        ["GET /login"] = Who.Anyone,
        ["GET /login/two-factor"] = Who.Anyone,
        ["POST /login"] = Who.Anyone, // the pages' own form posts (Blazor maps them; ours post to /account/...)
        ["POST /login/two-factor"] = Who.Anyone,
        ["POST /account/login"] = Who.Anyone,
        ["POST /account/login/two-factor"] = Who.Anyone,
        ["POST /account/logout"] = Who.Anyone,
        ["GET /account/sso"] = Who.Anyone,       // to the company's identity provider (not configured here: back to sign-in)
        ["GET /account/sso/done"] = Who.Anyone,
        ["POST /api/member-tickets"] = Who.Member,
        ["GET /member/sign-in"] = Who.Member,
        ["POST /api/events/{code}/claims"] = Who.Member,
        ["GET /api/events/{code}/claims/me"] = Who.Member,
        ["GET /api/events"] = Who.Viewer,
        ["GET /api/pipeline"] = Who.Viewer,
        ["GET /metrics"] = Who.Viewer,
        ["GET /hubs/sales/negotiate"] = Who.Viewer,
        ["GET /hubs/sales"] = Who.Viewer,
        ["GET /operator"] = Who.Viewer,
        ["GET /operator/events/{Code}"] = Who.Viewer,
        ["POST /operator/events/{Code}"] = Who.Viewer,
        ["POST /operator"] = Who.Viewer,
        ["GET /operator/account"] = Who.Viewer,
        ["POST /operator/account"] = Who.Viewer,
        ["POST /api/tokens"] = Who.Viewer,
        ["GET /api/tokens"] = Who.Viewer,
        ["DELETE /api/tokens/{id:guid}"] = Who.Viewer,
        ["POST /account/password"] = Who.Viewer,
        ["POST /account/two-factor"] = Who.Viewer,
        ["POST /account/two-factor/off"] = Who.Viewer,
        ["POST /api/events"] = Who.Operator,
        ["PATCH /api/events/{code}"] = Who.Operator,
        ["POST /api/events/{code}/open"] = Who.Operator,
        ["POST /api/events/{code}/close"] = Who.Operator,
        ["POST /api/events/{code}/cancel"] = Who.Operator,
        ["POST /api/events/{code}/stock"] = Who.Operator,
        ["GET /api/events/{code}/audit"] = Who.Operator,
        ["GET /api/events/{code}/coupons"] = Who.Operator,
        ["GET /api/events/{code}/coupons.csv"] = Who.Operator,
        ["GET /api/pipeline/dead-letters"] = Who.Operator,
        ["POST /api/pipeline/dead-letters/{id:long}/replay"] = Who.Operator,
        ["POST /api/pipeline/reconcile/{code}"] = Who.Operator,
        ["GET /api/accounts"] = Who.Admin,
        ["POST /api/accounts"] = Who.Admin,
        ["PATCH /api/accounts/{userName}"] = Who.Admin,
        ["GET /operator/accounts"] = Who.Admin,
        ["POST /operator/accounts"] = Who.Admin,
    };

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_exactly_as_its_rule_says()
    {
        var endpoints = MappedEndpoints();
        var unruled = endpoints.Where(e => !Rules.ContainsKey(e)).ToList(); // a new endpoint needs a rule first
        Assert.True(unruled.Count == 0, "endpoints without a rule: " + string.Join(", ", unruled));
        var stale = Rules.Keys.Where(k => !endpoints.Contains(k)).ToList(); // and no rule outlives its endpoint
        Assert.True(stale.Count == 0, "rules without an endpoint: " + string.Join(", ", stale));

        var code = TestCodes.New("AUTHZ");
        await app.OperatorClient().CreateEventAsync(code, stock: 100);
        var callers = new List<(string Name, Who? Role, string? Token)> { ("anonymous", null, null) };
        foreach (var role in new[] { Who.Viewer, Who.Operator, Who.Admin })
            callers.Add(($"{role} token", role, (await app.AccountWithTokenAsync(role.ToString().ToLowerInvariant())).Token));
        var revoked = await app.AccountWithTokenAsync("admin");
        var revokedClient = app.ClientWithToken(revoked.Token);
        var revokedId = (await (await revokedClient.GetAsync("/api/tokens")).JsonAsync())[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await revokedClient.DeleteAsync($"/api/tokens/{revokedId}")).StatusCode);
        callers.Add(("revoked token", null, revoked.Token));
        var disabled = await app.AccountWithTokenAsync("admin");
        var off = await app.OperatorClient().PatchAsync($"/api/accounts/{disabled.UserName}", ApiTestHelpers.Json("""{"disabled":true}"""));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        callers.Add(("disabled account's token", null, disabled.Token));
        await Task.Delay(FlashSaleUI.Core.Accounts.ApiTokens.CheckTtl); // what was looked up before is looked up again

        var wrong = new List<string>();
        foreach (var endpoint in Rules.Keys.Order())
            foreach (var (name, role, token) in callers)
            {
                var response = await CallAsync(endpoint, code, token);
                var verdict = Verdict(Rules[endpoint], role, token is not null, response);
                if (verdict is not null) wrong.Add($"{endpoint} as {name}: {(int)response.StatusCode} ({verdict})");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Null when the answer is the rule's; else what was expected.</summary>
    private static string? Verdict(Who rule, Who? role, bool hasToken, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var toLogin = status == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/login") == true;
        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || toLogin;
        switch (rule)
        {
            case Who.Anyone: // (signing out, or single sign-on unconfigured, answers with the sign-in page, as it should)
                return status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "expected an answer: anyone may call it" : null;
            case Who.Member: // members prove themselves with a ticket or a provider's token, never with an operator's token
                return status == HttpStatusCode.Forbidden ? "a member endpoint never forbids; it asks for a ticket" :
                    hasToken && status != HttpStatusCode.Unauthorized && status != HttpStatusCode.NotFound
                        ? "an operator's token is no member credential: 401" : null;
        }
        var allowed = role is { } r && r >= rule;
        if (allowed) return refused ? "expected to be allowed" : null;
        if (!hasToken) return status == HttpStatusCode.Unauthorized || toLogin ? null : "expected 401, or a redirect to sign in";
        if (role is null) return status == HttpStatusCode.Unauthorized ? null : "expected 401 for a dead token";
        return status == HttpStatusCode.Forbidden ? null : "expected 403 for a role below the rule";
    }

    private async Task<HttpResponseMessage> CallAsync(string endpoint, string code, string? token)
    {
        var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var path = pattern.Replace("{code}", code).Replace("{Code}", code)
            .Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{id:long}", "1")
            .Replace("{userName}", "nobody").Replace("{documentName}", "v1");
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        // the console's forms take forms (another content type is refused by routing, before anything runs); the API JSON
        if (method is "POST" or "PATCH")
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal) ? ApiTestHelpers.Json("{}")
                : new FormUrlEncodedContent(new Dictionary<string, string>());
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private HashSet<string> MappedEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.TrimStart('/').StartsWith('_') && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Where(e => !e.StartsWith("HEAD ", StringComparison.Ordinal) && !e.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .ToHashSet();

    // the static web assets (css, js, the framework's files) are files, public by nature
    private static bool IsStaticFile(RouteEndpoint e) => e.RoutePattern.RawText!.Contains(":file") ||
        e.RoutePattern.RawText!.Contains('.') && !e.RoutePattern.RawText.StartsWith("openapi", StringComparison.Ordinal)
        && !e.RoutePattern.RawText.EndsWith("coupons.csv", StringComparison.Ordinal)
        && !e.RoutePattern.RawText.StartsWith("/openapi", StringComparison.Ordinal)
        && !e.RoutePattern.RawText.StartsWith("api/", StringComparison.Ordinal)
        && !e.RoutePattern.RawText.StartsWith("/api/", StringComparison.Ordinal);
}

using System.Text.RegularExpressions;
using FlashSaleUI.Core.Kafka;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>The operator surface as an attacker meets it: sign-in, cross-site requests, headers, health.</summary>
public sealed class OperatorSurfaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/operator/events/X", "/operator/events/X")]
    [InlineData("//evil.example/", "/operator")]
    [InlineData("/\\evil.example", "/operator")]
    [InlineData("/\t/evil.example", "/operator")]
    [InlineData("https://evil.example/", "/operator")]
    public async Task Sign_in_sends_the_operator_only_to_paths_on_this_site(string returnUrl, string expected)
    {
        var (client, response) = await SignInAsync(returnUrl);
        using (client)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_cookie_authenticated_change_from_another_site_is_refused()
    {
        var code = TestCodes.New("CSRF");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var (browser, _) = await SignInAsync("/operator");
        using (browser)
        {
            async Task<HttpStatusCode> CloseAsync(string header, string value)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/close");
                request.Headers.Add(header, value);
                return (await browser.SendAsync(request)).StatusCode;
            }
            Assert.Equal(HttpStatusCode.Forbidden, await CloseAsync("Sec-Fetch-Site", "cross-site"));
            Assert.Equal(HttpStatusCode.Forbidden, await CloseAsync("Sec-Fetch-Site", "same-site"));
            Assert.Equal(HttpStatusCode.Forbidden, await CloseAsync("Origin", "https://evil.example"));
            Assert.Equal(0, await app.Database.ScalarAsync(
                $"SELECT count(*) FROM flash_sale_events WHERE code = '{code}' AND closed_at IS NOT NULL"));

            Assert.Equal(HttpStatusCode.OK, await CloseAsync("Sec-Fetch-Site", "same-origin")); // the console itself
            Assert.Equal(1, await app.Database.ScalarAsync(
                $"SELECT count(*) FROM flash_sale_events WHERE code = '{code}' AND closed_at IS NOT NULL"));
        }
        // Data Protection keys live in PostgreSQL: every instance (and the next start) reads this cookie
        Assert.True(await app.Database.ScalarAsync("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Theory]
    [InlineData("/claim/ANY-SALE")]
    [InlineData("/login")]
    [InlineData("/health/live")]
    [InlineData("/api/events/NOPE")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public void Without_a_Kafka_setting_production_refuses_to_start_instead_of_running_in_memory()
    {
        var production = new FixedEnvironment(Environments.Production);
        var bootstrap = new KafkaBootstrap(Options.Create(new KafkaOptions()), production, NullLogger<KafkaBootstrap>.Instance);
        var error = Assert.Throws<InvalidOperationException>(() => bootstrap.Servers);
        Assert.Contains("Kafka__BootstrapServers", error.Message);

        using var allowed = new KafkaBootstrap(Options.Create(new KafkaOptions { Embedded = true }), production,
            NullLogger<KafkaBootstrap>.Instance);
        Assert.NotNull(allowed.Embedded);
    }

    private async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string returnUrl)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/login");
        var input = Regex.Match(page, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>").Value;
        var token = Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["user"] = AppFactory.OperatorUser,
            ["password"] = AppFactory.OperatorPassword,
            ["returnUrl"] = returnUrl,
        }));
        return (client, response);
    }

    private sealed class FixedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "FlashSaleUI";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

/// <summary>The real limit on failed operator sign-ins (the other test apps raise it: they try many wrong credentials).</summary>
public sealed class ThrottledSignInApp : AppFactory
{
    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["FlashSale:OperatorSignInFailuresPerMinute"] = "3" };
}

public sealed class SignInThrottleTests(ThrottledSignInApp app) : IClassFixture<ThrottledSignInApp>
{
    [Fact]
    public async Task After_too_many_wrong_basic_passwords_the_address_is_refused_even_with_the_right_one()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            client.DefaultRequestHeaders.Authorization = AppFactory.Basic($"nobody-{i}", $"guess-{i}"); // unknown names
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/tokens", ApiTestHelpers.Json("{}"))).StatusCode);
        }
        client.DefaultRequestHeaders.Authorization = AppFactory.Basic(AppFactory.OperatorUser, AppFactory.OperatorPassword);
        var refused = await client.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"script"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OtpNet;

namespace FlashSaleUI.Tests.Integration.Accounts;

/// <summary>Operators are people: accounts with roles made by admins, one-time passwords changed at first sign-in,
/// lockout, two-factor sign-in, personal tokens for scripts (stored as hashes, revocable), audited by person.</summary>
public sealed class AccountsAndTokensTests(AppFactory app) : IClassFixture<AppFactory>
{
    private HttpClient Admin => app.OperatorClient();

    [Fact]
    public async Task An_admin_adds_a_person_whose_one_time_password_must_be_changed_before_anything_else()
    {
        var created = await Admin.PostAsync("/api/accounts", ApiTestHelpers.Json("""{"userName":"dana","role":"operator"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var oneTime = body.GetProperty("oneTimePassword").GetString()!;
        Assert.True(body.GetProperty("mustChangePassword").GetBoolean());

        var dana = app.NewBrowser();
        Assert.Equal(MustChangePasswordPage, await dana.SignInAsync("dana", oneTime));
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.GetAsync("/api/events")).StatusCode); // nothing else yet
        var changed = await dana.PostFormAsync("/operator/account", "/account/password",
            new() { ["current"] = oneTime, ["next"] = "dana-own-password-1" });
        Assert.EndsWith("done=password", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await dana.GetAsync("/api/events")).StatusCode);

        // the sale dana closes is audited under dana's name and id, signed in with a password
        var code = TestCodes.New("DANA");
        await Admin.CreateEventAsync(code, 5);
        var close = await dana.PostAsync($"/api/events/{code}/close", null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var entry = (await (await Admin.GetAsync($"/api/events/{code}/audit")).JsonAsync()).EnumerateArray().First();
        Assert.Equal(("close", "dana", "password"),
            (entry.GetProperty("action").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("via").GetString()));
    }

    private const string MustChangePasswordPage = "/operator/account";

    private Task<HttpResponseMessage> SetDisabledAsync(string user, bool disabled) =>
        Admin.PatchAsync($"/api/accounts/{user}", ApiTestHelpers.Json($$"""{"disabled":{{(disabled ? "true" : "false")}}}"""));

    [Fact]
    public async Task Account_requests_are_checked_and_answered_with_the_field_or_the_reason()
    {
        async Task<HttpResponseMessage> Create(string json) => await Admin.PostAsync("/api/accounts", ApiTestHelpers.Json(json));
        var badName = await (await Create("""{"userName":"no spaces allowed","role":"viewer"}""")).JsonAsync();
        Assert.True(badName.GetProperty("errors").TryGetProperty("userName", out _));
        var badRole = await (await Create("""{"userName":"erin","role":"root"}""")).JsonAsync();
        Assert.True(badRole.GetProperty("errors").TryGetProperty("role", out _));
        var weak = await (await Create("""{"userName":"erin","role":"viewer","password":"short"}""")).JsonAsync();
        Assert.True(weak.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.Created,
            (await Create("""{"userName":"erin","role":"viewer","password":"erin-password-1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Create("""{"userName":"erin","role":"operator"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Admin.PatchAsync("/api/accounts/nobody-here", ApiTestHelpers.Json("""{"role":"viewer"}"""))).StatusCode);
        var list = await (await Admin.GetAsync("/api/accounts")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("userName").GetString() == "erin"
            && a.GetProperty("role").GetString() == "viewer");
        // the last admin can be neither demoted nor disabled
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PatchAsync($"/api/accounts/{AppFactory.OperatorUser}",
            ApiTestHelpers.Json("""{"role":"viewer"}"""))).StatusCode);
    }

    [Fact]
    public async Task A_token_is_shown_once_stored_as_a_hash_listed_with_its_last_use_and_revoked_everywhere_within_seconds()
    {
        var (user, password, _) = await app.AccountWithTokenAsync("operator");
        var basic = app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = AppFactory.Basic(user, password);
        var made = await (await basic.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"nightly export","expiresInDays":7}""")))
            .JsonAsync();
        var token = made.GetProperty("token").GetString()!;
        Assert.Equal(("nightly export", "operator"), (made.GetProperty("name").GetString(), made.GetProperty("role").GetString()));
        Assert.InRange(made.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1),
            DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
        // only its SHA-256 is stored; the secret itself is nowhere in the database
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
        Assert.Equal(1, await app.Database.ScalarAsync(
            $"SELECT count(*) FROM operator_tokens WHERE encode(secret_sha256, 'hex') = '{hash}'"));
        Assert.Equal(0, await app.Database.ScalarAsync(
            $"SELECT count(*) FROM operator_tokens t WHERE position('{token}' in t::text) > 0"));

        var client = app.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        var listed = (await (await client.GetAsync("/api/tokens")).JsonAsync()).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "nightly export");
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);

        // revoked on one instance, refused on another within seconds
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tokens/{made.GetProperty("id").GetString()}")).StatusCode);
        await using var second = new SecondInstance(app);
        var elsewhere = second.ClientWithToken(token);
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/api/events")).StatusCode == HttpStatusCode.Unauthorized
            && (await elsewhere.GetAsync("/api/events")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), () => Task.FromResult("the revoked token still works"));
    }

    private sealed class SecondInstance(AppFactory first) : AppFactory(first);

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_for_token_creation_and_the_sign_in_form()
    {
        var (user, password, _) = await app.AccountWithTokenAsync("viewer");
        var basic = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            basic.DefaultRequestHeaders.Authorization = AppFactory.Basic(user, $"wrong-{i}");
            var wrong = await basic.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"x"}"""));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        basic.DefaultRequestHeaders.Authorization = AppFactory.Basic(user, password); // the right one, too late
        var locked = await basic.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"x"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("lockedOut", (await locked.JsonAsync()).GetProperty("reason").GetString());
        Assert.Contains("error=lockedOut", await app.NewBrowser().SignInAsync(user, password));

        // the form counts too: another account, five wrong passwords there
        var (other, otherPassword, _) = await app.AccountWithTokenAsync("viewer");
        for (var i = 0; i < 5; i++) Assert.Contains("error=", await app.NewBrowser().SignInAsync(other, $"wrong-{i}"));
        Assert.Contains("error=lockedOut", await app.NewBrowser().SignInAsync(other, otherPassword));
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_authenticator_code_and_is_audited_as_such()
    {
        var (user, password, _) = await app.AccountWithTokenAsync("operator");
        var browser = app.NewBrowser();
        Assert.Equal("/operator", await browser.SignInAsync(user, password));
        // My account shows the key; the code computed from it turns two-factor sign-in on and shows recovery codes
        var page = await (await browser.GetAsync("/operator/account")).Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"authenticator-key\">([A-Z2-7]+)<").Groups[1].Value;
        Assert.NotEmpty(key);
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var on = await browser.PostFormAsync("/operator/account", "/account/two-factor", new() { ["code"] = totp.ComputeTotp() });
        Assert.Contains("data-testid=\"recovery-codes\"", await on.Content.ReadAsStringAsync());

        // signing in again: the password, then the code
        var again = app.NewBrowser();
        Assert.StartsWith("/login/two-factor", await again.SignInAsync(user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/events")).StatusCode); // not yet
        var second = await again.PostFormAsync("/login/two-factor", "/account/login/two-factor", new() { ["code"] = totp.ComputeTotp() });
        Assert.Equal("/operator", second.Headers.Location!.OriginalString);
        var code = TestCodes.New("TWOF");
        Assert.Equal(HttpStatusCode.Created, (await again.PostAsync("/api/events", ApiTestHelpers.Json(
            $$"""{"code":"{{code}}","name":"Two-factor sale","stock":3}"""))).StatusCode);
        var entry = (await (await Admin.GetAsync($"/api/events/{code}/audit")).JsonAsync()).EnumerateArray().First();
        Assert.Equal((user, "twoFactor"), (entry.GetProperty("actor").GetString(), entry.GetProperty("via").GetString()));

        // and Basic no longer makes tokens for this account: it has a second factor
        var basic = app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = AppFactory.Basic(user, password);
        var refused = await basic.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"x"}"""));
        Assert.Equal("twoFactor", (await refused.JsonAsync()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_disabled_account_can_neither_sign_in_nor_use_its_tokens_and_comes_back_when_enabled()
    {
        var (user, password, token) = await app.AccountWithTokenAsync("operator");
        var client = app.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetDisabledAsync(user, true)).StatusCode);
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/api/events")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), () => Task.FromResult("a disabled account's token still works"));
        Assert.Contains("error=disabled", await app.NewBrowser().SignInAsync(user, password));
        Assert.Equal(HttpStatusCode.OK, (await SetDisabledAsync(user, false)).StatusCode);
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/api/events")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), () => Task.FromResult("the enabled account's token does not work again"));
    }
}

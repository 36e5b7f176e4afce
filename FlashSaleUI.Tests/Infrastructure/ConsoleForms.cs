using System.Text.RegularExpressions;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The console's forms over plain HTTP, as a browser posts them: the page's antiforgery token, the cookies
/// kept by the client (WebApplicationFactory's clients keep cookies), no redirects followed.</summary>
public static partial class ConsoleForms
{
    public static HttpClient NewBrowser(this AppFactory app) => app.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>Posts a form found on <paramref name="page"/> to <paramref name="action"/>, with that page's token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string page, string action,
        Dictionary<string, string> fields)
    {
        var shown = await browser.GetAsync(page);
        var html = await shown.Content.ReadAsStringAsync();
        var token = Token().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page} ({(int)shown.StatusCode} {shown.Headers.Location})");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await browser.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in through the sign-in page; returns where the server sent the browser.</summary>
    public static async Task<string> SignInAsync(this HttpClient browser, string user, string password)
    {
        var answer = await browser.PostFormAsync("/login", "/account/login", new() { ["user"] = user, ["password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

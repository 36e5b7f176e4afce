using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace FlashSaleUI.Tests.Integration.Http;

internal static class ApiTestHelpers
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // each client's tickets by member: a member signs in once, then claims with the ticket (as the member page does)
    private static readonly ConditionalWeakTable<HttpClient, ConcurrentDictionary<string, Task<string>>> Tickets = new();

    /// <summary>Claims as <paramref name="memberId"/>: a ticket through local sign-in (once per client and member),
    /// then the claim with it, no body.</summary>
    public static async Task<HttpResponseMessage> ClaimAsync(this HttpClient client, string code, string memberId) =>
        await client.ClaimWithTicketAsync(code, await client.TicketAsync(memberId));

    public static Task<HttpResponseMessage> ClaimWithTicketAsync(this HttpClient client, string code, string? ticket)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{Uri.EscapeDataString(code)}/claims");
        if (ticket is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ticket);
        return client.SendAsync(request);
    }

    /// <summary>GET .../claims/me with a ticket.</summary>
    public static Task<HttpResponseMessage> MyCouponAsync(this HttpClient client, string code, string? ticket)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{Uri.EscapeDataString(code)}/claims/me");
        if (ticket is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ticket);
        return client.SendAsync(request);
    }

    /// <summary>A ticket for <paramref name="memberId"/> from this client's app (local sign-in), kept for the client.</summary>
    public static Task<string> TicketAsync(this HttpClient client, string memberId) =>
        Tickets.GetOrCreateValue(client).GetOrAdd(memberId, async m =>
        {
            var response = await client.PostAsync("/api/member-tickets", Json(JsonSerializer.Serialize(new { memberId = m })));
            Assert.True(response.IsSuccessStatusCode,
                $"local sign-in of {m}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.JsonAsync()).GetProperty("ticket").GetString()!;
        });

    public static async Task<JsonElement> CreateEventAsync(this HttpClient operatorClient, string code, int stock,
        DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null)
    {
        var response = await operatorClient.PostAsJsonAsync("/api/events", new { code, name = $"Sale {code}", stock, opensAt, closesAt });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashSaleUI.Tests.Integration.Http;

internal static class ApiTestHelpers
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> ClaimAsync(this HttpClient client, string code, string memberId) =>
        client.PostAsync($"/api/events/{Uri.EscapeDataString(code)}/claims", Json(JsonSerializer.Serialize(new { memberId })));

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

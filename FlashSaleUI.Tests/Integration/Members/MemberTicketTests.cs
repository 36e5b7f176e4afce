using System.Text;
using FlashSaleUI.Core.Members;

namespace FlashSaleUI.Tests.Integration.Members;

/// <summary>A claim counts for the member a ticket names, and nothing else names the member: tickets edited, foreign or
/// expired are refused, two members never act as each other, a lookup answers only the caller's own coupon.</summary>
public sealed class MemberTicketTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly HttpClient _member = app.CreateClient();

    [Fact]
    public async Task A_ticket_names_its_member_and_expiry_and_a_claim_with_it_is_that_members()
    {
        var code = TestCodes.New("TKT");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var before = DateTimeOffset.UtcNow;
        var issued = await (await _member.PostAsync("/api/member-tickets", ApiTestHelpers.Json("""{"memberId":"alice@example.com"}""")))
            .JsonAsync();
        Assert.Equal("alice@example.com", issued.GetProperty("memberId").GetString());
        var expiresAt = issued.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddHours(12).AddSeconds(-2), DateTimeOffset.UtcNow.AddHours(12).AddSeconds(1)); // 12 h default

        var claim = await _member.ClaimWithTicketAsync(code, issued.GetProperty("ticket").GetString());
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var stored = await Eventually.ValueAsync(() => app.Database.RowsAsync(
            $"SELECT member_id FROM coupon_issues WHERE event_code = '{code}'"), rows => rows.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal("alice@example.com", stored[0][0]);
    }

    [Fact]
    public async Task Claims_without_a_valid_ticket_are_401_and_touch_nothing()
    {
        var code = TestCodes.New("TKT");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var ticket = await _member.TicketAsync("bob");
        var before = await app.RedisKeysAsync();

        string?[] refused =
        [
            null,                                       // no ticket
            "",                                         // empty
            "not-a-ticket",                             // garbage
            ticket[..^1] + (ticket[^1] == 'A' ? 'B' : 'A'),   // MAC edited
            EditMember(ticket, "mallory"),              // member edited, MAC kept
            ExtendExpiry(ticket),                       // expiry edited
            "999" + ticket[ticket.IndexOf('.')..],      // a key that does not exist
        ];
        foreach (var bad in refused)
        {
            var response = await _member.ClaimWithTicketAsync(code, bad);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"'{bad}': {response.StatusCode}");
            Assert.Equal("unauthenticated", (await response.JsonAsync()).GetProperty("status").GetString());
        }
        // an operator's Basic credentials are no member either
        var basic = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/claims");
        basic.Headers.Authorization = AppFactory.Basic(AppFactory.OperatorUser, AppFactory.OperatorPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _member.SendAsync(basic)).StatusCode);
        Assert.Equal(before, await app.RedisKeysAsync());
        Assert.Equal(HttpStatusCode.OK, (await _member.ClaimWithTicketAsync(code, ticket)).StatusCode); // the real one works
    }

    [Fact]
    public async Task A_ticket_signed_by_another_deployment_is_refused()
    {
        await using var other = new AppFactory();
        await other.InitializeAsync();
        var foreign = await other.CreateClient().TicketAsync("carol");
        var code = TestCodes.New("TKT");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _member.ClaimWithTicketAsync(code, foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _member.MyCouponAsync(code, foreign)).StatusCode);
    }

    [Fact]
    public async Task Two_members_never_act_as_each_other_and_a_lookup_answers_only_the_callers_own_coupon()
    {
        var code = TestCodes.New("TKT");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var alice = await _member.TicketAsync("alice-2");
        var bob = await _member.TicketAsync("bob-2");

        var aliceClaim = await (await _member.ClaimWithTicketAsync(code, alice)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await _member.ClaimWithTicketAsync(code, bob)).StatusCode); // not "duplicate"
        Assert.Equal(HttpStatusCode.Conflict, (await _member.ClaimWithTicketAsync(code, alice)).StatusCode);

        var aliceCode = aliceClaim.GetProperty("couponCode").GetString();
        var bobsLookup = await Eventually.ValueAsync(() => _member.MyCouponAsync(code, bob), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));
        var bobsCode = (await bobsLookup.JsonAsync()).GetProperty("couponCode").GetString();
        Assert.NotEqual(aliceCode, bobsCode);
        Assert.Equal(aliceCode, (await (await _member.MyCouponAsync(code, alice)).JsonAsync()).GetProperty("couponCode").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _member.MyCouponAsync(code, null)).StatusCode);
        // the lookup by a member id in the path is gone: it handed anyone anyone's coupon
        Assert.Equal(HttpStatusCode.NotFound, (await _member.GetAsync($"/api/events/{code}/claims/alice-2")).StatusCode);
    }

    [Fact]
    public async Task Local_sign_in_takes_only_local_member_ids_and_a_claim_body_cannot_name_one()
    {
        Assert.Equal(HttpStatusCode.BadRequest,
            (await _member.PostAsync("/api/member-tickets", ApiTestHelpers.Json("""{"memberId":"auth0|5f8a"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _member.PostAsync("/api/member-tickets", ApiTestHelpers.Json("{}"))).StatusCode);
        var code = TestCodes.New("TKT");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var claim = await _member.PostAsync($"/api/events/{code}/claims", ApiTestHelpers.Json("""{"memberId":"dave"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, claim.StatusCode);
        Assert.Contains("ticket", (await claim.JsonAsync()).GetProperty("errors").GetProperty("memberId")[0].GetString());
        // {} with a ticket is a claim like no body at all
        var withEmptyBody = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/claims") { Content = ApiTestHelpers.Json("{}") };
        withEmptyBody.Headers.Authorization = new("Bearer", await _member.TicketAsync("dave"));
        Assert.Equal(HttpStatusCode.OK, (await _member.SendAsync(withEmptyBody)).StatusCode);
    }

    [Fact]
    public async Task Key_rotation_keeps_older_tickets_valid_on_every_instance_until_they_expire()
    {
        // both instances up first: a host starting takes seconds on a busy machine, longer than these tickets live
        await using var first = new ShortTicketsApp();
        await first.InitializeAsync();
        var client = first.CreateClient();
        var code = TestCodes.New("ROT");
        await first.OperatorClient().CreateEventAsync(code, stock: 10);
        await using var second = new SecondInstance(first);
        await second.InitializeAsync();
        var toSecond = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await toSecond.GetAsync("/health/live")).StatusCode);

        var older = await client.TicketAsync("rot-1");
        // the next key takes over (as after a rotation period): new tickets are signed with it
        var ring = first.Services.GetRequiredService<TicketKeyRing>();
        var next = await ring.AddAsync(DateTimeOffset.UtcNow);
        var newer = await client.TicketAsync("rot-2");
        Assert.StartsWith($"{next.Id}.", newer);
        Assert.False(older.StartsWith($"{next.Id}.", StringComparison.Ordinal));

        // the older ticket, signed before the rotation, still claims on the second instance; the newer one on the first
        Assert.Equal(HttpStatusCode.OK, (await toSecond.ClaimWithTicketAsync(code, older)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ClaimWithTicketAsync(code, newer)).StatusCode);

        // a ticket is good for its lifetime (8 s here), then refused everywhere
        await Task.Delay(TimeSpan.FromSeconds(9));
        Assert.Equal(HttpStatusCode.Unauthorized, (await toSecond.ClaimWithTicketAsync(code, older)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ClaimWithTicketAsync(code, newer)).StatusCode);
    }

    private static readonly Dictionary<string, string?> ShortTickets = new() { ["Members:TicketLifetime"] = "00:00:08" };

    private sealed class ShortTicketsApp : AppFactory
    {
        protected override IDictionary<string, string?> Settings => ShortTickets;
    }

    private sealed class SecondInstance(AppFactory first) : AppFactory(first)
    {
        protected override IDictionary<string, string?> Settings => ShortTickets;
    }

    // {key}.{expiry}.{member}.{mac}: one part replaced, the MAC left as it was
    private static string EditMember(string ticket, string member)
    {
        var parts = ticket.Split('.');
        parts[2] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(member));
        return string.Join('.', parts);
    }

    private static string ExtendExpiry(string ticket)
    {
        var parts = ticket.Split('.');
        parts[1] = (long.Parse(parts[1]) + 86_400).ToString();
        return string.Join('.', parts);
    }
}

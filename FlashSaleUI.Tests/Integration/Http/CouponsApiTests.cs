using System.Text.RegularExpressions;

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>Coupon codes from the claim to PostgreSQL, the member's lookup, and the winners list and CSV export.</summary>
public sealed partial class CouponsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [GeneratedRegex("^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CouponCodeShape();

    private async Task<Dictionary<string, string>> ClaimAllAsync(string code, int members)
    {
        var client = app.CreateClient();
        var codes = new Dictionary<string, string>();
        foreach (var i in Enumerable.Range(0, members))
        {
            var body = await (await client.ClaimAsync(code, $"member-{i:D3}")).JsonAsync();
            Assert.Equal("issued", body.GetProperty("status").GetString());
            codes[$"member-{i:D3}"] = body.GetProperty("couponCode").GetString()!;
        }
        await Eventually.HoldsAsync(async () => await app.Database.ScalarAsync(
            $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'") == members,
            TimeSpan.FromSeconds(30), async () =>
            $"{await app.Database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'")} stored");
        return codes;
    }

    [Fact]
    public async Task A_granted_claim_returns_a_readable_unique_code_that_is_stored_and_can_be_looked_up()
    {
        var code = TestCodes.New("CPN");
        await app.OperatorClient().CreateEventAsync(code, stock: 20);
        var codes = await ClaimAllAsync(code, 12);

        Assert.All(codes.Values, c => Assert.Matches(CouponCodeShape(), c));
        Assert.Equal(codes.Count, codes.Values.Distinct().Count());
        var stored = await app.Database.RowsAsync($"SELECT member_id, coupon_code FROM coupon_issues WHERE event_code = '{code}'");
        Assert.Equal(codes.OrderBy(c => c.Key), stored.Select(r => new KeyValuePair<string, string>(r[0]!, r[1]!)).OrderBy(c => c.Key));

        var member = app.CreateClient();
        var found = await member.MyCouponAsync(code, await member.TicketAsync("member-003"));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var body = await found.JsonAsync();
        Assert.Equal(("issued", codes["member-003"]), (body.GetProperty("status").GetString(), body.GetProperty("couponCode").GetString()));

        // a duplicate claim tells nothing new, and the refusals carry no code
        var again = await (await member.ClaimAsync(code, "member-003")).JsonAsync();
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.False(again.TryGetProperty("couponCode", out _));
    }

    [Theory]
    [InlineData("member-999")]      // no coupon
    [InlineData("UNKNOWN-SALE", true)] // no such sale: the same answer
    public async Task A_lookup_without_a_stored_coupon_is_404_whatever_the_reason(string memberOrCode, bool unknownSale = false)
    {
        var code = TestCodes.New("CPN");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var member = app.CreateClient();
        var response = unknownSale
            ? await member.MyCouponAsync(memberOrCode, await member.TicketAsync("member-1"))
            : await member.MyCouponAsync(code, await member.TicketAsync(memberOrCode));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("notFound", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lookup_with_an_invalid_code_is_400()
    {
        var member = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await member.MyCouponAsync("bad code", await member.TicketAsync("m1"))).StatusCode);
    }

    [Fact]
    public async Task Winners_come_in_keyset_pages_by_member_or_issue_order_with_prefix_search()
    {
        var code = TestCodes.New("WIN");
        await app.OperatorClient().CreateEventAsync(code, stock: 40);
        var codes = await ClaimAllAsync(code, 25);
        var op = app.OperatorClient();

        async Task<List<(string Member, string Code, DateTimeOffset At)>> AllPagesAsync(string query)
        {
            var all = new List<(string, string, DateTimeOffset)>();
            string? next = null;
            var pages = 0;
            do
            {
                var after = next is null ? "" : $"&after={Uri.EscapeDataString(next)}";
                var response = await op.GetAsync($"/api/events/{code}/coupons?limit=10{query}{after}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await response.JsonAsync();
                all.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("memberId").GetString()!,
                    i.GetProperty("couponCode").GetString()!, i.GetProperty("issuedAt").GetDateTimeOffset())));
                next = page.GetProperty("next").GetString();
                Assert.True(++pages <= 10, "pages never end");
            } while (next is not null);
            return all;
        }

        var byMember = await AllPagesAsync("");
        Assert.Equal(codes.Keys.Order(StringComparer.Ordinal), byMember.Select(c => c.Member));
        Assert.All(byMember, c => Assert.Equal(codes[c.Member], c.Code));

        var byTime = await AllPagesAsync("&order=issuedAt");
        Assert.Equal(25, byTime.Select(c => c.Member).Distinct().Count());
        Assert.Equal(byTime.Select(c => c.At).Order(), byTime.Select(c => c.At));

        var searched = await AllPagesAsync("&member=member-01");
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"member-{i:D3}"), searched.Select(c => c.Member));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("member=bad%0Amember")]
    [InlineData("order=price")]
    [InlineData("order=issuedAt&after=not-a-cursor")]
    public async Task A_winners_query_with_invalid_parameters_is_400(string query)
    {
        var code = TestCodes.New("WIN");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.OperatorClient().GetAsync($"/api/events/{code}/coupons?{query}")).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_streams_a_header_and_one_line_per_stored_coupon_equal_to_the_database()
    {
        var code = TestCodes.New("CSV");
        await app.OperatorClient().CreateEventAsync(code, stock: 30);
        await ClaimAllAsync(code, 30);

        var response = await app.OperatorClient().GetAsync($"/api/events/{code}/coupons.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("memberId,couponCode,issuedAt", lines[0]);
        var rows = await app.Database.RowsAsync($"""
            SELECT member_id, coupon_code, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            FROM coupon_issues WHERE event_code = '{code}' ORDER BY issued_at, member_id
            """);
        Assert.Equal(rows.Select(r => string.Join(',', r)), lines.Skip(1));
    }

    [Fact]
    public async Task Winners_and_their_export_are_for_operators_only()
    {
        var code = TestCodes.New("WIN");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/events/{code}/coupons")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/events/{code}/coupons.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.OperatorClient().GetAsync("/api/events/NO-SUCH-SALE/coupons.csv")).StatusCode);
    }
}

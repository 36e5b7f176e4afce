using FlashSaleUI.Core.Coupons;
using FlashSaleUI.Core.Events;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>Stored coupons from coupon_issues. Member ids compare byte-wise (COLLATE "C"), so a prefix search is a
/// range on the (event_code, member_id) index, and the winners in issue order come from (event_code, issued_at).
/// On the NpgsqlDataSource: the winners CSV is a COPY stream (docs/BENCHMARKS.md "The claim path, the event read and
/// the sink"), and the pages' row-value keysets and the reconciler's unnest anti-join are SQL EF Core does not write.</summary>
public sealed class PostgresStoredCoupons(NpgsqlDataSource db) : IStoredCoupons
{
    // every member id character sorts below DEL, so [prefix, prefix + DEL) holds exactly the ids starting with prefix
    private const string OfEventWithPrefix = """
        event_code = @code AND (@prefix::text IS NULL OR (member_id >= @prefix AND member_id < @prefix || chr(1114111)))
        """;

    private static void BindEventAndPrefix(NpgsqlCommand cmd, EventCode code, string? prefix)
    {
        cmd.Parameters.AddWithValue("code", code.Value);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("prefix", string.IsNullOrEmpty(prefix) ? null : prefix));
    }

    public async Task<StoredCoupon?> FindAsync(EventCode code, MemberId member, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(
            "SELECT member_id, coupon_code, issued_at FROM coupon_issues WHERE event_code = @code AND member_id = @member");
        cmd.Parameters.AddWithValue("code", code.Value);
        cmd.Parameters.AddWithValue("member", member.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<CouponPage> PageAsync(EventCode code, CouponQuery query, CancellationToken ct = default)
    {
        var byTime = query.Order == CouponOrder.IssuedAt;
        var (afterTime, afterMember) = CouponCursor.Parse(query.After, byTime);
        var limit = Math.Clamp(query.Limit, 1, CouponQuery.MaxLimit);
        await using var cmd = db.CreateCommand($"""
            SELECT member_id, coupon_code, issued_at FROM coupon_issues
            WHERE {OfEventWithPrefix}
              AND {(byTime ? "(issued_at, member_id) > (@afterTime, @afterMember)" : "member_id > @afterMember")}
            ORDER BY {(byTime ? "issued_at, member_id" : "member_id")}
            LIMIT @limit
            """);
        BindEventAndPrefix(cmd, code, query.MemberPrefix);
        cmd.Parameters.AddWithValue("afterTime", afterTime.UtcDateTime);
        cmd.Parameters.AddWithValue("afterMember", afterMember);
        cmd.Parameters.AddWithValue("limit", limit + 1); // one more tells whether there is a next page
        var items = new List<StoredCoupon>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(Read(reader));
        if (items.Count <= limit) return new CouponPage(items, null);
        items.RemoveAt(limit);
        return new CouponPage(items, CouponCursor.After(items[^1], byTime));
    }

    public async Task<IReadOnlyList<string>> WithoutStoredCouponAsync(EventCode code, IReadOnlyCollection<string> members,
        CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT m FROM unnest(@members) AS m
            WHERE NOT EXISTS (SELECT 1 FROM coupon_issues c WHERE c.event_code = @code AND c.member_id = m)
            """);
        cmd.Parameters.AddWithValue("code", code.Value);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("members", members.ToArray()));
        var missing = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) missing.Add(reader.GetString(0));
        return missing;
    }

    public async Task<long> CountAsync(EventCode code, string? memberPrefix = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT count(*) FROM coupon_issues WHERE {OfEventWithPrefix}");
        BindEventAndPrefix(cmd, code, memberPrefix);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    public async Task WriteCsvAsync(EventCode code, TextWriter output, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // COPY takes no parameters; the code is a validated EventCode (A-Z 0-9 - _), safe inside quotes
        using var export = await conn.BeginTextExportAsync($"""
            COPY (SELECT member_id AS "memberId", coupon_code AS "couponCode",
                         to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedAt"
                  FROM coupon_issues WHERE event_code = '{code.Value}' ORDER BY issued_at, member_id)
            TO STDOUT WITH (FORMAT csv, HEADER)
            """, ct);
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await export.ReadAsync(buffer, ct)) > 0)
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
    }

    private static StoredCoupon Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), new DateTimeOffset(r.GetDateTime(2), TimeSpan.Zero));
}

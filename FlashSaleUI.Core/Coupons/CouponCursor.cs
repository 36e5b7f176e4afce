using System.Globalization;
using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Coupons;

/// <summary>The "next" of a coupon page: the last member id, or for pages in issue order
/// "unix-microseconds:member id" (':' is not a member id character).</summary>
public static class CouponCursor
{
    public static string After(StoredCoupon last, bool byTime) => byTime
        ? $"{(last.IssuedAt - DateTimeOffset.UnixEpoch).Ticks / 10}:{last.MemberId}"
        : last.MemberId;

    public static bool IsValid(string? cursor, bool byTime)
    {
        if (string.IsNullOrEmpty(cursor)) return true;
        if (!byTime) return MemberId.TryParse(cursor, out _);
        var colon = cursor.IndexOf(':');
        return colon > 0 && long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out _)
               && MemberId.TryParse(cursor[(colon + 1)..], out _);
    }

    public static (DateTimeOffset Time, string Member) Parse(string? cursor, bool byTime)
    {
        if (string.IsNullOrEmpty(cursor) || !IsValid(cursor, byTime)) return (DateTimeOffset.UnixEpoch, "");
        if (!byTime) return (DateTimeOffset.UnixEpoch, cursor);
        var colon = cursor.IndexOf(':');
        var micros = long.Parse(cursor.AsSpan(0, colon), CultureInfo.InvariantCulture);
        return (DateTimeOffset.UnixEpoch.AddTicks(micros * 10), cursor[(colon + 1)..]);
    }
}

using System.Globalization;
using Microsoft.JSInterop;

namespace FlashSaleUI.Components.Shared;

/// <summary>The operator's wall clock: datetime-local fields post "yyyy-MM-ddTHH:mm" with no zone, meant in the
/// browser's zone, which the console reads once (console.js: minutes ahead of UTC).</summary>
public static class OperatorTime
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public static DateTimeOffset? Parse(string? local, int utcOffsetMinutes) =>
        DateTime.TryParseExact(local, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
                TimeSpan.FromMinutes(utcOffsetMinutes)).ToUniversalTime()
            : null;

    public static string? Format(DateTimeOffset? at, int utcOffsetMinutes) =>
        at?.ToOffset(TimeSpan.FromMinutes(utcOffsetMinutes)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Asks the browser (console.js) how many minutes it is ahead of UTC; 0 from an old cached console.js.</summary>
    public static async Task<int> BrowserUtcOffsetMinutesAsync(IJSRuntime js)
    {
        try { return await js.InvokeAsync<int>("flashSale.utcOffsetMinutes"); }
        catch (JSException) { return 0; }
    }
}

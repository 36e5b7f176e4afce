using System.Diagnostics;

namespace FlashSaleUI.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; returns how long that took, or fails with the last
    /// value described by <paramref name="describe"/> after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition()) return clock.Elapsed;
            await Task.Delay(50);
        }
        if (await condition()) return clock.Elapsed;
        Assert.Fail($"not within {timeout.TotalSeconds:F0} s: {await describe()}");
        return clock.Elapsed;
    }

    /// <summary>Reads <paramref name="read"/> until its value satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var last = default(T);
        await HoldsAsync(async () => done(last = await read()), timeout, () => Task.FromResult($"last value {last}"));
        return last!;
    }
}

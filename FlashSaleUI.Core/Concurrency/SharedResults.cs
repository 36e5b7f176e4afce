using System.Collections.Concurrent;

namespace FlashSaleUI.Core.Concurrency;

/// <summary>One piece of work per key at a time, and its result shared for a while: callers asking for a key whose
/// work is still running, or finished successfully less than <paramref name="maxAge"/> ago, get that same task.
/// A failed result is not kept (the next caller tries again). Bounded: past 10,000 keys it starts over, so keys
/// invented by callers cannot grow it without end.</summary>
public sealed class SharedResults<TKey, TResult>(TimeSpan maxAge, TimeProvider clock) where TKey : notnull
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<TKey, (Task<TResult> Work, DateTimeOffset Started)> _entries = new();

    /// <summary>Drops the kept result of a key: the next caller starts fresh work.</summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    public Task<TResult> GetOrStart(TKey key, Func<TKey, Task<TResult>> work)
    {
        var now = clock.GetUtcNow();
        bool Reusable((Task<TResult> Work, DateTimeOffset Started) entry) =>
            !entry.Work.IsCompleted || (now - entry.Started < maxAge && !entry.Work.IsFaulted);
        if (_entries.TryGetValue(key, out var recent) && Reusable(recent)) return recent.Work;
        if (_entries.Count > MaxKeys) _entries.Clear();
        var started = new Lazy<Task<TResult>>(() => work(key)); // at most one start, whichever caller wins
        return _entries.AddOrUpdate(key, _ => (started.Value, now), (_, old) => Reusable(old) ? old : (started.Value, now)).Work;
    }
}

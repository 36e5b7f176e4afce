using System.Collections.Concurrent;

namespace FlashSaleUI.Core.Concurrency;

/// <summary>One piece of work per key at a time, and its result shared for a while: callers asking for a key whose
/// work is still running, or finished successfully less than <paramref name="maxAge"/> ago, get that same task.
/// A failed result is not kept (the next caller tries again). Bounded: past 10,000 keys the finished, expired ones
/// are dropped, and while the rest are all fresh a new key's work runs unshared, so keys invented by callers cannot
/// grow it without end. (Not IMemoryCache: sharing work still running needs AddOrUpdate's atomic choice.)</summary>
public sealed class SharedResults<TKey, TResult>(TimeSpan maxAge, TimeProvider clock) where TKey : notnull
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<TKey, (Task<TResult> Work, DateTimeOffset Started)> _entries = new();
    private long _lastSweepTicks;

    /// <summary>Drops the kept result of a key: the next caller starts fresh work.</summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    public Task<TResult> GetOrStart(TKey key, Func<TKey, Task<TResult>> work)
    {
        var now = clock.GetUtcNow();
        bool Reusable((Task<TResult> Work, DateTimeOffset Started) entry) =>
            !entry.Work.IsCompleted || (now - entry.Started < maxAge && !entry.Work.IsFaulted);
        if (_entries.TryGetValue(key, out var recent) && Reusable(recent)) return recent.Work;
        if (_entries.Count >= MaxKeys && !_entries.ContainsKey(key))
        {
            // at most one sweep per maxAge: a flood of new keys must not cost a walk over all of them each
            if (now.UtcTicks - Volatile.Read(ref _lastSweepTicks) >= maxAge.Ticks)
            {
                Volatile.Write(ref _lastSweepTicks, now.UtcTicks);
                foreach (var (old, entry) in _entries)
                    if (entry.Work.IsCompleted && now - entry.Started >= maxAge) _entries.TryRemove(old, out _);
            }
            if (_entries.Count >= MaxKeys) return work(key);
        }
        var started = new Lazy<Task<TResult>>(() => work(key)); // at most one start, whichever caller wins
        return _entries.AddOrUpdate(key, _ => (started.Value, now), (_, old) => Reusable(old) ? old : (started.Value, now)).Work;
    }
}

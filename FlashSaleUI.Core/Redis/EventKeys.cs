using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

/// <summary>The one place that names Redis keys. Every key of an event carries the hash tag {CODE}, so all of a
/// script's keys share one slot and scripts run unchanged on Redis Cluster. Built only from a validated
/// <see cref="EventCode"/>, whose alphabet excludes '{', '}' and ':'.</summary>
public sealed class EventKeys
{
    /// <summary>Set of the events whose outboxes the relay walks (placed events, until they are ended and drained).
    /// Not part of any script. It lets the relay go on while PostgreSQL, its other source, is down.</summary>
    public static readonly RedisKey Registry = "fs:events";

    /// <summary>Pub/sub channel: an event code each time an event's live state is placed (created, changed, topped up,
    /// repaired), so every instance drops what it remembers of that sale.</summary>
    public static readonly RedisChannel Changes = RedisChannel.Literal("fs:changes");

    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };

    /// <summary>The keys of a code, built once: the claim path would otherwise build five strings per claim. Bounded:
    /// a flood of made-up (valid) codes evicts the least used, never grows the cache.</summary>
    public static EventKeys For(EventCode code)
    {
        if (Cache.TryGetValue(code.Value, out EventKeys? keys)) return keys!;
        return Cache.Set(code.Value, new EventKeys(code), OneEntry);
    }

    public EventCode Code { get; }
    public RedisKey Stock { get; }
    /// <summary>Hash: member id -> claim id of each grant.</summary>
    public RedisKey Grants { get; }
    public RedisKey Window { get; }
    public RedisKey Outcomes { get; }
    public RedisKey Outbox { get; }

    public EventKeys(EventCode code)
    {
        Code = code;
        var prefix = $"fs:{{{code.Value}}}:";
        Stock = prefix + "stock";
        Grants = prefix + "grants";
        Window = prefix + "window";
        Outcomes = prefix + "outcomes";
        Outbox = prefix + "outbox";
    }
}

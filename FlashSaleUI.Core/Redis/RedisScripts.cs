namespace FlashSaleUI.Core.Redis;

/// <summary>Every script the app runs, loaded once.</summary>
public sealed class RedisScripts
{
    public RedisScript Claim { get; } = RedisScript.Load("claim");
    public RedisScript PlaceEvent { get; } = RedisScript.Load("place_event");
    public RedisScript EventStats { get; } = RedisScript.Load("event_stats");
    public RedisScript OutboxAck { get; } = RedisScript.Load("outbox_ack");
    public RedisScript OutboxRequeue { get; } = RedisScript.Load("outbox_requeue");
    public RedisScript TakeStock { get; } = RedisScript.Load("take_stock");
}

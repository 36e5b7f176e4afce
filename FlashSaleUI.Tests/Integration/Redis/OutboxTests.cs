using FlashSaleUI.Core.Redis;

namespace FlashSaleUI.Tests.Integration.Redis;

/// <summary>The outbox's own commands against a real redis-server.</summary>
public sealed class OutboxTests(StandaloneRedis redis) : IClassFixture<StandaloneRedis>
{
    [Fact]
    public async Task A_batch_larger_than_Luas_unpack_limit_is_acknowledged_and_deleted_whole()
    {
        // Pipeline__RelayBatch may be set high; the ack script once failed past ~8,000 ids ("too many results to
        // unpack") and the relay then retried the same batch forever
        const int entries = 20_000;
        var code = EventCode.Parse(TestCodes.New("ACK"));
        var key = EventKeys.For(code).Outbox;
        var db = redis.Connection.GetDatabase();
        var batch = db.CreateBatch();
        var adds = Enumerable.Range(0, entries).Select(i => batch.StreamAddAsync(key, "memberId", $"m{i}")).ToArray();
        batch.Execute();
        await Task.WhenAll(adds);
        var outbox = new RedisOutbox(redis.Connection, redis.Scripts);

        var read = await outbox.ReadAsync(code, "relay-1", entries, ownPending: false);
        Assert.Equal(entries, read.Count);
        await outbox.AcknowledgeAsync(code, read.Select(e => e.Id).ToList());

        Assert.Equal(0, await db.StreamLengthAsync(key));
        Assert.Equal(0, (await db.StreamPendingAsync(key, RedisOutbox.Group)).PendingMessageCount);
    }
}

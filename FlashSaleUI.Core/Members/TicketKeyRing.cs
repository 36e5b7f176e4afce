using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Members;

/// <summary>The keys every instance signs and checks tickets with, read from the shared store and rotated there.
/// Rotation never floods members with 401s: a new key is stored a while before it signs anything
/// (<see cref="PropagationDelay"/>: every instance has read it by then), the old key keeps verifying until the last
/// ticket it signed has expired, and a ticket naming a key not read yet makes the ring read the store again (at most
/// once a second, so forged key ids cannot turn into a query storm).</summary>
public sealed class TicketKeyRing(ITicketKeyStore store, IOptionsMonitor<MembersOptions> options, TimeProvider clock,
    ILogger<TicketKeyRing> log)
{
    private volatile TicketKey[] _keys = [];
    private int[] _unreadable = [];
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;

    private MembersOptions Options => options.CurrentValue;
    public TimeSpan PropagationDelay => Options.TicketKeyRefresh * 2;

    /// <summary>The key a ticket names, if it still verifies.</summary>
    public TicketKey? Find(int id)
    {
        foreach (var key in _keys)
            if (key.Id == id) return key;
        return null;
    }

    /// <summary>The newest key that signs now. Null only before the first read (the app reads before serving).</summary>
    public TicketKey? Signing
    {
        get
        {
            var now = clock.GetUtcNow();
            TicketKey? newest = null;
            foreach (var key in _keys)
                if (key.Signs(now) && (newest is null || key.ActivatesAt > newest.ActivatesAt)) newest = key;
            return newest;
        }
    }

    /// <summary>A ticket named a key this instance has not read: read the store again, unless that was done within the
    /// last second. True when the key is known afterwards.</summary>
    public async Task<bool> TryLearnAsync(int id, CancellationToken ct = default)
    {
        if (clock.GetUtcNow() - _lastRead >= TimeSpan.FromSeconds(1)) await ReadAsync(ct, unlessReadWithin: TimeSpan.FromSeconds(1));
        return Find(id) is not null;
    }

    /// <summary>Reads the keys, and stores a successor when the signing key retires soon (or the first key when none
    /// signs): called before serving and then every <see cref="MembersOptions.TicketKeyRefresh"/>.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await ReadAsync(ct);
        var now = clock.GetUtcNow();
        if (Signing is null && _unreadable.Length > 0)
        {
            // a key of our own would sign tickets the other instances cannot check (and this one cannot check theirs)
            throw new TicketKeysUnreadableException(_unreadable);
        }
        if (Signing is not { } signing)
        {
            // nothing signs: the first start (or a very long stop). Waiting would leave members without tickets, so
            // this key signs at once; other instances learn it from the first of its tickets they see (TryLearnAsync).
            await AddAsync(now, ct);
        }
        else if (signing.RetiresAt - now < PropagationDelay + Options.TicketKeyRefresh
                 && !_keys.Any(k => k.ActivatesAt > signing.ActivatesAt))
        {
            await AddAsync(now + PropagationDelay, ct); // the successor, read by every instance before it signs
        }
    }

    /// <summary>Stores a key that signs from <paramref name="activatesAt"/>, for one rotation period.</summary>
    public async Task<TicketKey> AddAsync(DateTimeOffset activatesAt, CancellationToken ct = default)
    {
        var retiresAt = activatesAt + Options.TicketKeyRotation;
        var key = await store.AddAsync(RandomNumberGenerator.GetBytes(32), activatesAt, retiresAt,
            retiresAt + Options.TicketLifetime + TimeSpan.FromMinutes(5), ct);
        log.LogInformation("Member ticket key {Key} stored: signs from {ActivatesAt:u} until {RetiresAt:u}", key.Id,
            key.ActivatesAt, key.RetiresAt);
        await ReadAsync(ct);
        return key;
    }

    /// <param name="unlessReadWithin">skip the read when another caller has just made it (callers that queued up
    /// behind one read share it)</param>
    private async Task ReadAsync(CancellationToken ct, TimeSpan unlessReadWithin = default)
    {
        await _reading.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (now - _lastRead < unlessReadWithin) return;
            var read = await store.ListUsableAsync(now, ct);
            _keys = read.Keys.ToArray();
            _lastRead = now;
            if (!read.Unreadable.SequenceEqual(_unreadable) && read.Unreadable.Count > 0)
                log.LogError("Member ticket keys {Keys} cannot be decrypted here: {Why} Tickets they signed are refused.",
                    read.Unreadable, TicketKeysUnreadableException.Why);
            _unreadable = read.Unreadable.ToArray();
        }
        finally
        {
            _reading.Release();
        }
    }
}

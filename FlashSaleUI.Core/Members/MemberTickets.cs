using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Members;

/// <summary>Issues tickets to members whose identity was verified (by the identity provider, or by naming themselves
/// under local sign-in), and checks the ticket a claim carries.</summary>
public sealed class MemberTickets(TicketKeyRing keys, IOptionsMonitor<MembersOptions> options, TimeProvider clock)
{
    private readonly Func<int, TicketKey?> _findKey = keys.Find; // one delegate, not one per check

    public IssuedTicket Issue(MemberId member)
    {
        var key = keys.Signing ?? throw new InvalidOperationException("No member ticket key has been read yet.");
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + options.CurrentValue.TicketLifetime).ToUnixTimeSeconds());
        return new IssuedTicket(MemberTicketFormat.Sign(member, expiresAt, key), member.Value, expiresAt);
    }

    /// <summary>The check against the keys read so far (UnknownKey: <see cref="CheckAsync"/> reads them again).</summary>
    public TicketCheck Check(ReadOnlySpan<char> ticket, out MemberId member) =>
        MemberTicketFormat.Read(ticket, _findKey, clock.GetUtcNow(), out member);

    /// <summary>The member a ticket names, when it is ours, unedited and unexpired. Synchronous in the usual case; a
    /// ticket signed by a key this instance has not read yet waits for one read of the store.</summary>
    public ValueTask<(TicketCheck Check, MemberId Member)> CheckAsync(string ticket, CancellationToken ct = default)
    {
        var check = MemberTicketFormat.Read(ticket, _findKey, clock.GetUtcNow(), out var member);
        return check == TicketCheck.UnknownKey ? CheckAfterLearningAsync(ticket, ct) : ValueTask.FromResult((check, member));
    }

    private async ValueTask<(TicketCheck, MemberId)> CheckAfterLearningAsync(string ticket, CancellationToken ct)
    {
        if (!TryKeyId(ticket, out var id) || !await keys.TryLearnAsync(id, ct)) return (TicketCheck.UnknownKey, default);
        var check = MemberTicketFormat.Read(ticket, _findKey, clock.GetUtcNow(), out var member);
        return (check, member);
    }

    private static bool TryKeyId(string ticket, out int id)
    {
        var dot = ticket.IndexOf('.');
        id = 0;
        return dot > 0 && int.TryParse(ticket.AsSpan(0, dot), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out id);
    }
}

/// <summary>{"ticket","memberId","expiresAt"}: what POST /api/member-tickets answers.</summary>
public sealed record IssuedTicket(string Ticket, string MemberId, DateTimeOffset ExpiresAt);

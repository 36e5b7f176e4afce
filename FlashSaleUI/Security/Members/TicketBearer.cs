namespace FlashSaleUI.Security.Members;

public static class TicketBearer
{
    /// <summary>The member whose valid ticket the request carries (Authorization: Bearer), or null: no ticket, or one
    /// that is edited, foreign or expired.</summary>
    public static ValueTask<MemberId?> MemberOfAsync(this MemberTickets tickets, HttpRequest request, CancellationToken ct)
    {
        var ticket = AuthorizationHeader.CredentialSpan(request, AuthorizationHeader.Bearer);
        if (ticket.IsEmpty) return ValueTask.FromResult<MemberId?>(null);
        // the usual case completes here, without a state machine or a copy of the ticket
        var check = tickets.Check(ticket, out var member);
        if (check == TicketCheck.Valid) return ValueTask.FromResult<MemberId?>(member);
        return check == TicketCheck.UnknownKey ? AfterLearningAsync(tickets, ticket.ToString(), ct) : ValueTask.FromResult<MemberId?>(null);
    }

    private static async ValueTask<MemberId?> AfterLearningAsync(MemberTickets tickets, string ticket, CancellationToken ct)
    {
        var (check, member) = await tickets.CheckAsync(ticket, ct);
        return check == TicketCheck.Valid ? member : null;
    }
}

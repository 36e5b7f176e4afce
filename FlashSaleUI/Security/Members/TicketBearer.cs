using FlashSaleUI.Core.Members;

namespace FlashSaleUI.Security.Members;

public static class TicketBearer
{
    /// <summary>The member whose valid ticket the request carries (Authorization: Bearer), or null: no ticket, or one
    /// that is edited, foreign or expired.</summary>
    public static async ValueTask<MemberId?> MemberOfAsync(this MemberTickets tickets, HttpRequest request, CancellationToken ct)
    {
        if (MemberSignIn.BearerOf(request) is not { } ticket) return null;
        var (check, member) = await tickets.CheckAsync(ticket, ct);
        return check == TicketCheck.Valid ? member : null;
    }
}

using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>What answering claims from memory needs from the live store (Redis): the winners of a sale and word of any
/// change to a sale made by any instance (<see cref="SoldOutShortcut"/>), and the sale's counters to add the refusals
/// answered here to (<see cref="RefusalTally"/>, for the sold-out shortcut and <see cref="KnownWinners"/> alike).</summary>
public interface IMemoryAnswersSource
{
    /// <summary>The members granted a coupon; null when there are more than <paramref name="max"/>.</summary>
    Task<IReadOnlyCollection<string>?> GrantedMembersAsync(EventCode code, int max);

    /// <summary>Adds refusals answered without the claim script to the sale's attempt counters.</summary>
    Task CountRefusalsAsync(EventCode code, long duplicates, long soldOut);

    /// <summary>Calls <paramref name="changed"/> whenever any instance places a sale's live state again.</summary>
    Task SubscribeToChangesAsync(Action<EventCode> changed);
}

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The acceptance load: every member claims at least once, the rest are repeats, in a fixed shuffled order.</summary>
public static class ClaimLoad
{
    public static MemberId[] Members(int distinct, int claims, int seed = 42)
    {
        var random = new Random(seed);
        var all = Enumerable.Range(0, claims)
            .Select(i => MemberId.Parse($"member-{(i < distinct ? i : random.Next(distinct))}"))
            .ToArray();
        random.Shuffle(all);
        return all;
    }
}

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>Tests that assert on time (drain within 10 s, 10 messages a second, 250 ms, 1 s in the browser) run one at a
/// time after the parallel ones, so they have the machine to themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}

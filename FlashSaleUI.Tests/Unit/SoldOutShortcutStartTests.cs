using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The sold-out shortcut's start when Redis does not answer yet, on a fake clock. It used to end its
/// background service on the first failed subscription, leaving the shortcut off until the process restarted.</summary>
public class SoldOutShortcutStartTests
{
    [Fact]
    public async Task Subscribing_to_sale_changes_is_tried_again_until_it_succeeds_and_only_then_is_the_shortcut_on()
    {
        var clock = new FakeTimeProvider();
        var source = new SubscriptionsFailingFirst(failures: 2);
        // the sale stores are not touched until a sale sells out; this test never gets there
        var shortcut = new SoldOutShortcut(null!, null!, source, Options.Create(new FlashSaleOptions()), clock,
            NullLogger<SoldOutShortcut>.Instance);
        await shortcut.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(clock, () => source.Attempts == 2);
        Assert.False(shortcut.Listening); // two refused: claims go to Redis meanwhile
        await AdvanceUntilAsync(clock, () => shortcut.Listening);
        Assert.Equal(3, source.Attempts);

        await shortcut.StopAsync(CancellationToken.None);
        Assert.False(shortcut.Listening);
    }

    // the retry's delay runs on the fake clock: move it a second at a time until the condition holds
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        Assert.True(condition());
    }

    private sealed class SubscriptionsFailingFirst(int failures) : IMemoryAnswersSource
    {
        public int Attempts { get; private set; }

        public Task SubscribeToChangesAsync(Action<EventCode> changed) =>
            ++Attempts <= failures ? Task.FromException(new InvalidOperationException("Redis: connection refused")) : Task.CompletedTask;

        public Task<IReadOnlyCollection<string>?> GrantedMembersAsync(EventCode code, int max) => throw new NotSupportedException();
        public Task CountRefusalsAsync(EventCode code, long duplicates, long soldOut) => throw new NotSupportedException();
    }
}

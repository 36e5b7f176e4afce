namespace FlashSaleUI.Tests.Integration.Configuration;

/// <summary>A setting out of range stops the app at start, naming the setting and what it allows; nothing is clamped
/// silently.</summary>
public sealed class BadSettingsTests
{
    [Fact]
    public async Task The_app_refuses_to_start_with_a_setting_out_of_range_and_says_which_and_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (exitCode, output) = await AppProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisDatabase(TestEnvironment.NextRedisDatabase()),
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Kafka__Embedded"] = "true",
            ["Members__LocalSignIn"] = "true",
            ["Pipeline__SinkBatch"] = "-5",
            ["FlashSale__RateLimit__PerAddressBurst"] = "0",
            ["LiveState__CheckSeconds"] = "0",
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Pipeline__SinkBatch is -5: it must be between 1 and 100000.", output);
        Assert.Contains("FlashSale__RateLimit__PerAddressBurst is 0: it must be between 1 and 1000000000.", output);
        Assert.Contains("LiveState__CheckSeconds is 0: it must be between 0.2 and 3600.", output);
        Assert.DoesNotContain("Now listening", output);
    }
}

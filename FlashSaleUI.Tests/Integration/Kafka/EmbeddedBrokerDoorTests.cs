using System.Diagnostics;
using System.Net.Sockets;
using FlashSaleUI.Core.Kafka;

namespace FlashSaleUI.Tests.Integration.Kafka;

/// <summary>The app with its embedded broker reachable at a fixed port (9092 in ./run.sh; a free one here).</summary>
public sealed class FixedKafkaPortApp : AppFactory
{
    public int KafkaPort { get; } = LoopbackPort.Free();
    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Kafka:EmbeddedPort"] = KafkaPort.ToString() };
}

/// <summary>Tools outside the app reach the embedded broker at its fixed address with the plain Kafka protocol.</summary>
public sealed class EmbeddedBrokerDoorTests(FixedKafkaPortApp app) : IClassFixture<FixedKafkaPortApp>
{
    private string Door => $"127.0.0.1:{app.KafkaPort}";

    [Fact]
    public async Task Kcat_reads_the_topic_and_its_poison_is_dead_lettered_through_the_fixed_address()
    {
        var op = app.OperatorClient();
        Assert.Equal(Door, (await (await op.GetAsync("/api/pipeline")).JsonAsync()).GetProperty("kafkaBootstrap").GetString());
        var code = TestCodes.New("DOOR");
        await op.CreateEventAsync(code, stock: 5);
        var member = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "door-a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "door-b")).StatusCode);

        await Eventually.HoldsAsync(async () =>
            (await KcatAsync($"-C -b {Door} -t coupon-issued -o beginning -e -q -f \"%k %s\\n\"")).Count(l => l.StartsWith(code)) == 2,
            TimeSpan.FromSeconds(20), () => Task.FromResult("the two grants never showed in kcat's read"));

        await KcatAsync($"-P -b {Door} -t coupon-issued -k {code}", input: "not json at all\n");
        await Eventually.HoldsAsync(async () =>
            (await (await op.GetAsync("/api/pipeline")).JsonAsync()).GetProperty("deadLettered").GetInt64() == 1,
            TimeSpan.FromSeconds(20), () => Task.FromResult("the poison message was not dead-lettered"));
    }

    [Fact]
    public void A_taken_port_leaves_the_broker_without_a_fixed_address()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            Assert.Null(EmbeddedBrokerDoor.TryOpen(((IPEndPoint)taken.LocalEndpoint).Port, "127.0.0.1:1"));
        }
        finally { taken.Stop(); }
    }

    private static async Task<string[]> KcatAsync(string arguments, string? input = null)
    {
        var start = new ProcessStartInfo("kcat", arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null,
        };
        using var kcat = Process.Start(start)!;
        if (input is not null)
        {
            await kcat.StandardInput.WriteAsync(input);
            kcat.StandardInput.Close();
        }
        var output = await kcat.StandardOutput.ReadToEndAsync();
        var errors = await kcat.StandardError.ReadToEndAsync();
        await kcat.WaitForExitAsync();
        Assert.True(kcat.ExitCode == 0, $"kcat {arguments} failed: {errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

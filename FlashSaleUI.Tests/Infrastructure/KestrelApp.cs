namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The real app served by Kestrel on a real loopback port, for a real browser.</summary>
public class KestrelApp : AppFactory
{
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public KestrelApp() => Port = LoopbackPort.Free();

    /// <summary>The same deployment served again on the same port (the app restarted).</summary>
    public KestrelApp(KestrelApp restartOf) : base(restartOf) => Port = restartOf.Port;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // claims on: the member page must show the per-member limit; the address limit stays out of the way
        ["FlashSale:RateLimit:Enabled"] = "true",
        ["FlashSale:RateLimit:PerMemberPermits"] = "5",
        ["FlashSale:RateLimit:PerAddressPerSecond"] = "100000",
        ["FlashSale:RateLimit:PerAddressBurst"] = "100000",
        // every browser signs in from 127.0.0.1: the sign-in limit has its own tests
        ["FlashSale:RateLimit:SignInsPerAddressPerMinute"] = "100000",
        ["FlashSale:RateLimit:SignInsPerAddressBurst"] = "100000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(Port);
        StartServer();
    }
}

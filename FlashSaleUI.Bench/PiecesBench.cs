using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Bench;

/// <summary>BenchmarkDotNet micro-benchmarks of the pure pieces a claim and a coupon pass through, each on its own:
/// what the claim path's and the pipeline's CPU per item is made of, apart from I/O. In process (no project is
/// generated and built), a short run per piece, with allocations.</summary>
[MemoryDiagnoser]
public class PiecesBench
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly byte[] _body = """{"memberId":"member-4242@example.com"}"""u8.ToArray();
    private readonly string _claimId = ClaimId.New();
    private CouponIssued _coupon = null!;
    private string _json = null!;

    public sealed record ClaimBody(string? MemberId);

    [GlobalSetup]
    public void Setup()
    {
        _coupon = new CouponIssued(_claimId, "SALE-2026", "member-4242@example.com", DateTimeOffset.UtcNow);
        _json = _coupon.ToJson();
    }

    [Benchmark(Description = "claim: read the JSON body (web options)")]
    public ClaimBody? ReadBody() => JsonSerializer.Deserialize<ClaimBody>(_body, Web);

    [Benchmark(Description = "claim: validate member id and event code")]
    public bool Validate() => MemberId.TryParse("member-4242@example.com", out _) && EventCode.TryParse("SALE-2026", out _);

    [Benchmark(Description = "claim: new claim id (16 chars, 80 random bits)")]
    public string NewClaimId() => ClaimId.New();

    [Benchmark(Description = "claim: coupon code from the claim id")]
    public string CouponCodeFromClaimId() => CouponCode.From(_claimId);

    [Benchmark(Description = "relay: coupon to its Kafka JSON")]
    public string CouponToJson() => _coupon.ToJson();

    [Benchmark(Description = "sink: parse and validate a Kafka message")]
    public CouponIssued? ParseMessage() => CouponIssued.TryParse("SALE-2026", _json, out var c, out _) ? c : null;

    public static void Run() => BenchmarkRunner.Run<PiecesBench>(DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        // its logs and reports are not part of the repository; the table is printed
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "flashsale-benchmarkdotnet")));
}

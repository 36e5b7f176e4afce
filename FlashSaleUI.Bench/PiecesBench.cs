using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FlashSaleUI.Core.Members;
using FlashSaleUI.Core.Pipeline;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

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

    private readonly TicketKey _key = new(1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), DateTimeOffset.UtcNow,
        DateTimeOffset.UtcNow.AddDays(7), DateTimeOffset.UtcNow.AddDays(8));
    private readonly MemberId _member = MemberId.Parse("auth0|5f8a3c2b9d1e4f0012345678");
    private string _ticket = null!;
    private readonly JsonWebTokenHandler _jwts = new();
    private string _jwt = null!;
    private TokenValidationParameters _jwtValidation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ticket = MemberTicketFormat.Sign(_member, DateTimeOffset.UtcNow.AddHours(12), _key);
        var rsa = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "k1" };
        _jwt = _jwts.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://id.example.com", Audience = "flashsale", Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = _member.Value },
            SigningCredentials = new SigningCredentials(rsa, SecurityAlgorithms.RsaSha256),
        });
        _jwtValidation = new TokenValidationParameters
        {
            ValidIssuer = "https://id.example.com", ValidAudience = "flashsale", IssuerSigningKey = rsa,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        _coupon = new CouponIssued(_claimId, "SALE-2026", "member-4242@example.com", DateTimeOffset.UtcNow);
        _json = _coupon.ToJson();
    }

    [Benchmark(Description = "claim: read a JSON body (web options; claims now send none)")]
    public ClaimBody? ReadBody() => JsonSerializer.Deserialize<ClaimBody>(_body, Web);

    [Benchmark(Description = "claim: check the member's ticket (HMAC-SHA256)")]
    public bool CheckTicket() => MemberTicketFormat.Read(_ticket, _ => _key, DateTimeOffset.UtcNow, out _) == TicketCheck.Valid;

    [Benchmark(Description = "sign-in: issue a ticket (HMAC-SHA256)")]
    public string IssueTicket() => MemberTicketFormat.Sign(_member, DateTimeOffset.UtcNow.AddHours(12), _key);

    [Benchmark(Description = "sign-in: check an RS256 JWT, then issue a ticket")]
    public async Task<string> TicketFromJwt()
    {
        var result = await _jwts.ValidateTokenAsync(_jwt, _jwtValidation);
        if (!result.IsValid || !MemberId.TryParse(result.Claims["sub"] as string, out var member))
            throw new InvalidOperationException("bad JWT");
        return MemberTicketFormat.Sign(member, DateTimeOffset.UtcNow.AddHours(12), _key);
    }

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

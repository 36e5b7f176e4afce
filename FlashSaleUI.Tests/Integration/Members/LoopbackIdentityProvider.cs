using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSaleUI.Tests.Integration.Members;

/// <summary>A shop's identity provider as far as JWT bearer validation sees it: OpenID Connect discovery and a JWKS,
/// served over loopback, and RS256 tokens signed with its key (or, for the attacks, with something else).</summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    public const string Audience = "flashsale-members";
    private readonly WebApplication _host;
    public RSA Key { get; } = RSA.Create(2048);
    public string KeyId { get; } = "test-key-1";
    public string Issuer { get; }

    private LoopbackIdentityProvider(WebApplication host, string issuer) => (_host, Issuer) = (host, issuer);

    public static async Task<LoopbackIdentityProvider> StartAsync()
    {
        var port = LoopbackPort.Free();
        var issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        builder.Logging.ClearProviders();
        var host = builder.Build();
        var provider = new LoopbackIdentityProvider(host, issuer);
        host.MapGet("/.well-known/openid-configuration", () => Results.Text(
            $$"""{"issuer":"{{issuer}}","jwks_uri":"{{issuer}}/jwks","id_token_signing_alg_values_supported":["RS256"]}""",
            "application/json"));
        host.MapGet("/jwks", () => Results.Text(provider.Jwks(), "application/json"));
        await host.StartAsync();
        return provider;
    }

    private string Jwks()
    {
        var p = Key.ExportParameters(false);
        var (n, e) = (Base64UrlEncoder.Encode(p.Modulus), Base64UrlEncoder.Encode(p.Exponent));
        return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{KeyId}}","n":"{{n}}","e":"{{e}}"}]}""";
    }

    /// <summary>An RS256 token signed with the provider's key.</summary>
    public string Token(string subject, string? issuer = null, string? audience = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(Key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The same claims with "alg":"none" and no signature.</summary>
    public string UnsignedToken(string subject) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(Payload(subject))}.";

    /// <summary>The key-confusion attack: HS256, "signed" with the provider's public key as the HMAC secret.</summary>
    public string TokenSignedWithThePublicKey(string subject)
    {
        var signed = $"{Encode($$"""{"alg":"HS256","typ":"JWT","kid":"{{KeyId}}"}""")}.{Encode(Payload(subject))}";
        var secret = Encoding.ASCII.GetBytes(Key.ExportSubjectPublicKeyInfoPem());
        return $"{signed}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signed)))}";
    }

    private string Payload(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"{{subject}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""";
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        Key.Dispose();
    }
}

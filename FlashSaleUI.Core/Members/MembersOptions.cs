using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Members;

/// <summary>The "Members" configuration section: how members prove who they are (README: Configuration).</summary>
public sealed class MembersOptions
{
    public const string Section = "Members";

    /// <summary>Members name themselves to get a ticket (test members, no identity provider). ./run.sh sets it.</summary>
    public bool LocalSignIn { get; set; }
    /// <summary>How long a ticket is good for: long enough that a sign-in never expires mid-sale.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(12);
    /// <summary>How long one key signs tickets before the next one takes over.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan TicketKeyRotation { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often each instance reads the keys again; a new key signs only after every instance has read it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TicketKeyRefresh { get; set; } = TimeSpan.FromMinutes(1);
    public JwtMemberOptions Jwt { get; set; } = new();
    public OidcMemberOptions Oidc { get; set; } = new();

    public bool HasIdentityProvider => !string.IsNullOrWhiteSpace(Jwt.Authority) || !string.IsNullOrWhiteSpace(Oidc.Authority);
}

/// <summary>The shop's identity provider, whose JWTs (Authorization: Bearer) buy tickets.</summary>
public sealed class JwtMemberOptions
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public string MemberIdClaim { get; set; } = "sub";
}

/// <summary>Member sign-in on the claim page through the identity provider (authorization code flow with PKCE).</summary>
public sealed class OidcMemberOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public string MemberIdClaim { get; set; } = "sub";
}

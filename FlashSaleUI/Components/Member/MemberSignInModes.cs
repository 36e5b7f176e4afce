namespace FlashSaleUI.Components.Member;

/// <summary>Which ways in the member page offers: the identity provider's sign-in, local sign-in for test members.</summary>
public sealed record MemberSignInModes(bool Provider, bool Local)
{
    public static MemberSignInModes Of(MembersOptions options) =>
        new(!string.IsNullOrWhiteSpace(options.Oidc.Authority), options.LocalSignIn);
}

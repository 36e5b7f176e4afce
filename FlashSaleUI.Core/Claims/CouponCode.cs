using System.Security.Cryptography;
using System.Text;

namespace FlashSaleUI.Core.Claims;

/// <summary>The code a member redeems: their claim id in four groups of four (XXXX-XXXX-XXXX-XXXX), so it is as
/// unguessable as the claim id (80 random bits) and short enough to read out. A claim id of another form (a claim
/// made with redis-cli, or one stored before codes existed) gets the first 64 bits of its MD5 in hex instead, the
/// same rule the 0004 migration applied to the rows it found.</summary>
public static class CouponCode
{
    public const int Length = 19;

    public static string From(string claimId)
    {
        if (ClaimId.IsCanonical(claimId)) return Group(claimId);
        var hex = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(claimId)), 0, 8);
        return Group(hex);
    }

    private static string Group(string sixteen) =>
        string.Create(Length, sixteen, static (chars, s) =>
        {
            for (int i = 0, j = 0; i < 16; i++)
            {
                if (i > 0 && i % 4 == 0) chars[j++] = '-';
                chars[j++] = s[i];
            }
        });
}

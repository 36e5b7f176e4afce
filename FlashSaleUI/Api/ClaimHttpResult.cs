using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Api;

/// <summary>A claim's answer written straight to the response: refusals are constant bytes, a grant is formatted into
/// a small stack buffer. The claim endpoint is the hot path of a sale, and most answers are refusals.</summary>
public sealed class ClaimHttpResult(ClaimResult claim) : IResult, IEndpointMetadataProvider
{
    private static readonly byte[] Duplicate = Refusal(ClaimStatus.Duplicate);
    private static readonly byte[] SoldOut = Refusal(ClaimStatus.SoldOut);
    private static readonly byte[] NotFound = Refusal(ClaimStatus.NotFound);
    private static readonly byte[] NotOpen = Refusal(ClaimStatus.NotOpen);

    private static byte[] Refusal(ClaimStatus status) => Encoding.UTF8.GetBytes($$"""{"status":"{{status.Name()}}"}""");


    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = ClaimsEndpoints.StatusFor(claim.Status);
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = claim.Status switch
        {
            ClaimStatus.Duplicate => Duplicate,
            ClaimStatus.SoldOut => SoldOut,
            ClaimStatus.NotFound => NotFound,
            ClaimStatus.NotOpen => NotOpen,
            _ => Issued(claim),
        };
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Every claim outcome answers with the same body type, at its own status (see ClaimsEndpoints.StatusFor).</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in Enum.GetValues<ClaimStatus>().Select(ClaimsEndpoints.StatusFor))
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ClaimResponse), ["application/json"]));
    }

    // {"status":"issued","remaining":n,"couponCode":"XXXX-XXXX-XXXX-XXXX"}: the code's alphabet needs no escaping
    private static byte[] Issued(ClaimResult claim)
    {
        Span<byte> buffer = stackalloc byte[96];
        var written = 0;
        Append("{\"status\":\"issued\",\"remaining\":"u8, buffer, ref written);
        claim.Remaining.GetValueOrDefault().TryFormat(buffer[written..], out var digits);
        written += digits;
        if (claim.CouponCode is { } code)
        {
            Append(",\"couponCode\":\""u8, buffer, ref written);
            written += Encoding.ASCII.GetBytes(code, buffer[written..]);
            Append("\""u8, buffer, ref written);
        }
        Append("}"u8, buffer, ref written);
        return buffer[..written].ToArray();
    }

    private static void Append(ReadOnlySpan<byte> text, Span<byte> buffer, ref int written)
    {
        text.CopyTo(buffer[written..]);
        written += text.Length;
    }
}

using QRCoder;

namespace FlashSaleUI.Security.Operators;

/// <summary>The otpauth:// URI authenticator apps read (RFC 6238 TOTP, 6 digits, 30 s) as an SVG QR code (QRCoder).</summary>
public static class AuthenticatorQr
{
    public static string Uri(string userName, string key) =>
        $"otpauth://totp/FlashSaleUI:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer=FlashSaleUI&digits=6";

    public static string Svg(string userName, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(userName, key), QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}

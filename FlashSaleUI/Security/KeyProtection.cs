using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>The "DataProtection" configuration section.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";
    /// <summary>A PKCS#12 (.pfx) file holding an RSA certificate and its private key; every instance loads the same one.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

/// <summary>Data Protection's keys encrypted at rest with a certificate. The keys sit in PostgreSQL beside what they
/// protect (sign-in cookies, the member ticket keys' secrets): unencrypted, whoever reads the database can forge
/// member tickets. Without DataProtection__CertificatePath they are stored unencrypted and Data Protection warns at
/// start; a certificate that cannot be read stops the start (SettingsCheck).</summary>
public static class KeyProtection
{
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration)
    {
        // Data Protection takes the certificate when services are registered: it is read once, here, and what was
        // wrong with it is reported with the other settings at start (SettingsCheck)
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new();
        var wrong = Load(options, out var certificate);
        if (certificate is not null)
            services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>>(new KeyProtectionValidation(wrong));
        return services;
    }

    /// <returns>what is wrong with the configured certificate, or null (none configured, or loaded)</returns>
    private static string? Load(KeyProtectionOptions options, out X509Certificate2? certificate)
    {
        certificate = null;
        if (string.IsNullOrWhiteSpace(options.CertificatePath)) return null;
        var setting = $"DataProtection__CertificatePath is '{options.CertificatePath}'";
        try { certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword); }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"{setting}: it could not be read as a PKCS#12 file with DataProtection__CertificatePassword ({e.Message})";
        }
        if (certificate.GetRSAPrivateKey() is { } key)
        {
            key.Dispose();
            return null;
        }
        certificate.Dispose();
        certificate = null;
        return $"{setting}: it holds no RSA private key, so the keys it encrypted could not be read back.";
    }
}

/// <summary>Reports what <see cref="KeyProtection"/> found wrong with the certificate when it read it.</summary>
public sealed class KeyProtectionValidation(string? wrong) : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options) =>
        wrong is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
}

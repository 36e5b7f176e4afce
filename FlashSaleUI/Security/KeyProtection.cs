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
    /// <summary>The certificate this one replaced, kept to read the keys it encrypted (rotation); never used to encrypt.</summary>
    public string? PreviousCertificatePath { get; set; }
    public string? PreviousCertificatePassword { get; set; }
}

/// <summary>Data Protection's keys encrypted at rest with a certificate. The keys sit in PostgreSQL beside what they
/// protect (sign-in cookies, the member ticket keys' secrets): unencrypted, whoever reads the database can forge
/// member tickets. Without DataProtection__CertificatePath they are stored unencrypted and Data Protection warns at
/// start; a certificate that cannot be read stops the start (SettingsCheck). To rotate, the new certificate becomes
/// the current one and the old one the previous: new keys are encrypted with the new one, and the keys the old one
/// encrypted stay readable until they expire.</summary>
public static class KeyProtection
{
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration)
    {
        // Data Protection takes the certificate when services are registered: it is read once, here, and what was
        // wrong with it is reported with the other settings at start (SettingsCheck)
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new();
        var wrong = new List<string>();
        var certificate = Load(nameof(options.CertificatePath), options.CertificatePath, options.CertificatePassword, wrong);
        var previous = Load(nameof(options.PreviousCertificatePath), options.PreviousCertificatePath,
            options.PreviousCertificatePassword, wrong);
        if (previous is not null && certificate is null && wrong.Count == 0)
            wrong.Add("DataProtection__PreviousCertificatePath is set without DataProtection__CertificatePath: the previous " +
                "certificate only reads old keys, new ones need the current certificate.");
        if (certificate is not null)
            services.AddDataProtection().ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate(previous is null ? [certificate] : [certificate, previous]);
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>>(new KeyProtectionValidation(wrong));
        return services;
    }

    /// <returns>the certificate set as <paramref name="setting"/>, or null: none set, or one that cannot be used (then
    /// <paramref name="wrong"/> says why, naming the setting)</returns>
    private static X509Certificate2? Load(string setting, string? path, string? password, List<string> wrong)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var passwordSetting = setting.Replace("Path", "Password");
        var named = $"{KeyProtectionOptions.Section}__{setting} is '{path}'";
        X509Certificate2 certificate;
        try { certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password); }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            wrong.Add($"{named}: it could not be read as a PKCS#12 file with {KeyProtectionOptions.Section}__{passwordSetting} " +
                $"({e.Message})");
            return null;
        }
        using (var key = certificate.GetRSAPrivateKey())
            if (key is not null) return certificate;
        certificate.Dispose();
        wrong.Add($"{named}: it holds no RSA private key, so the keys it encrypted could not be read back.");
        return null;
    }
}

/// <summary>Reports what <see cref="KeyProtection"/> found wrong with the certificate when it read it.</summary>
public sealed class KeyProtectionValidation(IReadOnlyList<string> wrong) : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options) =>
        wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
}

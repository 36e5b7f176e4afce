using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FlashSaleUI.Tests.Integration.Configuration;

/// <summary>With DataProtection__CertificatePath, Data Protection's keys are stored in PostgreSQL encrypted, and an
/// instance given the same certificate reads them back: a member's ticket signed before a restart is still accepted.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "keys-test-password";
    private readonly string _folder = Directory.CreateTempSubdirectory("flashsale-keys-").FullName;

    [Fact]
    public async Task Keys_are_stored_encrypted_and_a_restarted_instance_with_the_certificate_reads_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = Settings(database, WriteCertificate(withPrivateKey: true));
        string ticket;
        await using (var first = await AppProcess.StartAsync(LoopbackPort.Free(), settings))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            ticket = await http.TicketAsync("keys-member");
            first.Kill();
        }

        var keys = await database.RowsAsync("SELECT xml FROM data_protection_keys");
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<encryptedSecret", k[0]));
        Assert.All(keys, k => Assert.DoesNotContain("unencrypted form", k[0]));

        await using var second = await AppProcess.StartAsync(LoopbackPort.Free(), settings);
        using var again = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        // accepted (no coupon yet: 404), where a ticket it cannot verify is a 401
        Assert.Equal(HttpStatusCode.NotFound, (await again.MyCouponAsync("KEYS-SALE", ticket)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.MyCouponAsync("KEYS-SALE", ticket[..^4] + "AAAA")).StatusCode);
    }

    [Fact]
    public async Task A_rotated_certificate_reads_the_keys_its_predecessor_encrypted_when_that_one_is_kept_as_previous()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (old, current) = (WriteCertificate(withPrivateKey: true, "old"), WriteCertificate(withPrivateKey: true, "new"));
        string ticket;
        await using (var first = await AppProcess.StartAsync(LoopbackPort.Free(), Settings(database, old)))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            ticket = await http.TicketAsync("rotation-member");
            first.Kill();
        }

        var rotated = Settings(database, current);
        rotated["DataProtection__PreviousCertificatePath"] = old;
        rotated["DataProtection__PreviousCertificatePassword"] = Password;
        await using (var second = await AppProcess.StartAsync(LoopbackPort.Free(), rotated))
        {
            using var http = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
            Assert.Equal(HttpStatusCode.NotFound, (await http.MyCouponAsync("KEYS-SALE", ticket)).StatusCode);
            second.Kill();
        }

        // the previous certificate dropped too early: the key that signs tickets cannot be read, so the instance stops
        // with what to do, where signing with a key of its own would split it from every other instance
        var (exitCode, output) = await AppProcess.RunToExitAsync(Settings(database, current), TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains("FlashSaleUI cannot start: The member ticket keys (", output);
        Assert.Contains("DataProtection__PreviousCertificatePath", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.Single(await database.RowsAsync("SELECT id FROM member_ticket_keys")); // it stored no key of its own
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_used_stops_the_start_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var missing = Path.Combine(_folder, "missing.pfx");
        var (exitCode, output) = await AppProcess.RunToExitAsync(Settings(database, missing), TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains($"DataProtection__CertificatePath is '{missing}': it could not be read", output);

        var publicOnly = WriteCertificate(withPrivateKey: false);
        (exitCode, output) = await AppProcess.RunToExitAsync(Settings(database, publicOnly), TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains($"DataProtection__CertificatePath is '{publicOnly}': it holds no RSA private key", output);
        Assert.DoesNotContain("Now listening", output);

        var rotated = Settings(database, WriteCertificate(withPrivateKey: true));
        rotated["DataProtection__PreviousCertificatePath"] = missing;
        (exitCode, output) = await AppProcess.RunToExitAsync(rotated, TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains($"DataProtection__PreviousCertificatePath is '{missing}': it could not be read as a PKCS#12 file with " +
            "DataProtection__PreviousCertificatePassword", output);

        var previousAlone = Settings(database, "");
        previousAlone["DataProtection__PreviousCertificatePath"] = WriteCertificate(withPrivateKey: true, "previous");
        previousAlone["DataProtection__PreviousCertificatePassword"] = Password;
        (exitCode, output) = await AppProcess.RunToExitAsync(previousAlone, TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains("DataProtection__PreviousCertificatePath is set without DataProtection__CertificatePath", output);
    }

    private static Dictionary<string, string> Settings(TestDatabase database, string certificatePath) => new()
    {
        ["ConnectionStrings__Redis"] = TestEnvironment.RedisDatabase(TestEnvironment.NextRedisDatabase()),
        ["ConnectionStrings__Postgres"] = database.ConnectionString,
        ["Kafka__Embedded"] = "true",
        ["Members__LocalSignIn"] = "true",
        ["DataProtection__CertificatePath"] = certificatePath,
        ["DataProtection__CertificatePassword"] = Password,
    };

    private string WriteCertificate(bool withPrivateKey, string name = "keys")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FlashSaleUI key protection test", rsa, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, withPrivateKey ? $"{name}.pfx" : "public-only.pfx");
        // a PKCS#12 file holding the certificate alone: what a mistaken export gives
        using var exported = withPrivateKey ? certificate : X509CertificateLoader.LoadCertificate(certificate.RawData);
        File.WriteAllBytes(path, exported.Export(X509ContentType.Pfx, Password));
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

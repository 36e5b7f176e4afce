using System.Diagnostics;
using Npgsql;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>A PostgreSQL server of a test's own (initdb in a temporary folder), for tests that stop and start it
/// without disturbing the shared server other tests use.</summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _bin, _dir;
    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    private LocalPostgres(string bin, string dir, int port) => (_bin, _dir, Port) = (bin, dir, port);

    public static async Task<LocalPostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("FLASHSALE_TEST_PGBIN") is { Length: > 0 } b ? b
            : Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin")).Last();
        var dir = Path.Combine(Path.GetTempPath(), "fs-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (IsRoot) await RunAsync("chown", $"postgres:postgres {dir}");
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8", asPostgres: true);
        var pg = new LocalPostgres(bin, dir, LoopbackPort.Free());
        await pg.StartServerAsync();
        return pg;
    }

    public Task StartServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
        $"-D {_dir}/data -o \"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dir} -c fsync=off\" -l {_dir}/log -w " +
            $"-t 60 start",
        asPostgres: true);

    public Task StopServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m fast -w stop", asPostgres: true);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopServerAsync(); } catch (InvalidOperationException) { }
        Directory.Delete(_dir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string file, string args, bool asPostgres = false)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed: {await stderr}");
    }
}

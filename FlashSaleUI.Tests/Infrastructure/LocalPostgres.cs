using System.Diagnostics;
using Npgsql;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>A PostgreSQL server of a test's own, for tests that stop and start it without disturbing the shared server
/// other tests use. Initialised, started and stopped by the same shell function as ./run.sh's and ./test.sh's servers
/// (<c>pg_server</c> in scripts/local-services.sh).</summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _dir;
    public int Port { get; }
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    private LocalPostgres(string dir, int port) => (_dir, Port) = (dir, port);

    public static async Task<LocalPostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fs-pg-" + Guid.NewGuid().ToString("N")[..8]);
        await PgServerAsync($"init {dir}");
        var pg = new LocalPostgres(dir, LoopbackPort.Free());
        await pg.StartServerAsync();
        return pg;
    }

    public Task StartServerAsync() => PgServerAsync($"start {_dir} {Port} fsync=off");

    public Task StopServerAsync() => PgServerAsync($"stop {_dir}");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopServerAsync(); } catch (InvalidOperationException) { }
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task PgServerAsync(string args)
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot(), "scripts", "local-services.sh");
        var start = new ProcessStartInfo("bash", $"{script} pg_server {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.GetEnvironmentVariable("FLASHSALE_TEST_PGBIN") is { Length: > 0 } bin)
            start.Environment["PGBIN"] = bin;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_server {args} failed: {await stderr}");
    }
}

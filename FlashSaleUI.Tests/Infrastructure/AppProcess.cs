using System.Diagnostics;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The app as a real process (the build output, `dotnet FlashSaleUI.dll`), so a test can SIGKILL it: no
/// graceful stop, no finally blocks, whatever was in flight is cut.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    public string BaseUrl { get; }

    private AppProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public static async Task<AppProcess> StartAsync(int port, IDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = StartInfo(url, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Members__LocalSignIn"] = "true", // as ./run.sh sets it
        }, settings);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var app = new AppProcess(process, url);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"the app exited with {process.ExitCode}");
            try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(60), () => Task.FromResult("the app did not become healthy"));
        return app;
    }

    /// <summary>Starts the app and waits for it to exit by itself (a start it refuses): its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> settings, TimeSpan timeout)
    {
        var start = StartInfo($"http://127.0.0.1:{LoopbackPort.Free()}", new Dictionary<string, string>(), settings);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the app was still running after {timeout}");
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>`dotnet FlashSaleUI.dll` from the build output copied beside the tests, on <paramref name="url"/>, without
    /// the fixed broker address (apps run side by side here): the defaults, then the test's settings over them.</summary>
    private static ProcessStartInfo StartInfo(string url, IDictionary<string, string> defaults, IDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", "FlashSaleUI.dll")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FLASHSALE_URLS"] = url;
        start.Environment["Kafka__EmbeddedPort"] = "0";
        foreach (var (key, value) in defaults.Concat(settings)) start.Environment[key] = value;
        return start;
    }

    /// <summary>SIGSTOP: the process freezes where it is, requests half-handled; only SIGKILL (or SIGCONT) follows.</summary>
    public void Freeze() => _ = SendSignal(_process.Id, SigStop);

    private const int SigStop = 19; // Linux
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>SIGKILL.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

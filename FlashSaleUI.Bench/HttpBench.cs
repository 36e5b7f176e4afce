using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace FlashSaleUI.Bench;

/// <summary>The real app (published, Release, as ./run.sh runs it; rate limits off) under wrk: the claim endpoint,
/// a unique member's ticket per request, against the app's trivial liveness endpoint in the same run, and against the
/// claim path with the ticket check left out (the Benchmark environment's unchecked endpoint).</summary>
public static class HttpBench
{
    private const int Stock = 100_000, Connections = 64, Seconds = 10;
    private const string OperatorPassword = "bench-operator-password";
    /// <summary>Members signed in before the runs: more than one run's claims, so every claim of a run is a new member.</summary>
    private const int Tickets = 300_000;

    public static async Task RunAsync(BenchEnvironment env)
    {
        var table = new Table($"HTTP end to end: wrk -t2 -c{Connections} -d{Seconds}s on the same 2 cores as the app, Redis and " +
            $"PostgreSQL (after a 5 s warm-up)",
            "app instance", "endpoint", "requests/s", "p50 ms", "p99 ms", "non-2xx", "note", "RSS after (MB)", "app CPU (cores)");
        var withPipeline = await RunAppAsync(env, table, "serves claims + runs relay and sink",
            new Dictionary<string, string>(), watchers: 2_000);
        var claimsOnly = await RunAppAsync(env, table, "serves claims only (relay, sink on other instances)", new Dictionary<string, string>
        {
            ["Pipeline__RelayEnabled"] = "false", ["Pipeline__SinkEnabled"] = "false", ["Pipeline__ReconcilerEnabled"] = "false",
        });
        table.Print();
        Console.WriteLine($"\nissued claims / trivial: {withPipeline:F2} with the pipeline in the same process, {claimsOnly:F2} without");
    }

    /// <summary>Starts the published app with these settings, measures; returns issued claims/s over trivial requests/s.</summary>
    private static async Task<double> RunAppAsync(BenchEnvironment env, Table table, string role, Dictionary<string, string> settings,
        int watchers = 0)
    {
        var app = Environment.GetEnvironmentVariable("FLASHSALE_BENCH_APP") ?? throw new InvalidOperationException("run ./bench.sh");
        await env.FlushRedisAsync();
        var port = 5600 + Random.Shared.Next(300);
        var url = $"http://127.0.0.1:{port}";
        var database = "bench_http_" + Guid.NewGuid().ToString("N")[..8];
        await using (var conn = new NpgsqlConnection(env.PostgresAdmin))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", conn).ExecuteNonQueryAsync();
        }
        var start = new ProcessStartInfo("dotnet", Path.GetFileName(app))
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FLASHSALE_URLS"] = url;
        start.Environment["ConnectionStrings__Redis"] = env.Redis;
        start.Environment["ConnectionStrings__Postgres"] =
            new NpgsqlConnectionStringBuilder(env.PostgresAdmin) { Database = database }.ConnectionString;
        start.Environment["FlashSale__OperatorPassword"] = OperatorPassword;
        start.Environment["FlashSale__RateLimit__Enabled"] = "false";
        start.Environment["Kafka__Embedded"] = "true";
        start.Environment["Members__LocalSignIn"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark"; // maps the unchecked baseline endpoint
        start.Environment["Kafka__EmbeddedPort"] = "0"; // no fixed address: a ./run.sh beside the bench keeps 9092
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var script = Path.Combine(Path.GetTempPath(), $"claim-{Guid.NewGuid():N}.lua");
        var uncheckedScript = Path.Combine(Path.GetTempPath(), $"unchecked-{Guid.NewGuid():N}.lua");
        var ticketFile = Path.Combine(Path.GetTempPath(), $"tickets-{Guid.NewGuid():N}.txt");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await WaitHealthyAsync(http);
            // the first admin's personal token: Basic is accepted only where a token is made
            var token = await CreateTokenAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var signIn = Stopwatch.StartNew();
            await File.WriteAllLinesAsync(ticketFile, await SignInAsync(url, Tickets));
            Console.WriteLine($"{Tickets:N0} members signed in (local sign-in) in {signIn.Elapsed.TotalSeconds:F1} s: " +
                $"{Tickets / signIn.Elapsed.TotalSeconds:N0} tickets/s over HTTP");
            await File.WriteAllTextAsync(script, WrkClaimScript.Replace("TICKETS", ticketFile));
            await File.WriteAllTextAsync(uncheckedScript, WrkUncheckedScript.Replace("TICKETS", ticketFile));
            // each row with the app's resident memory right after it (which load the peak comes from) and the cores the
            // app itself used since the previous row (what the load generator's share of the 2 cores was not)
            var cpu = (Seconds: CpuSeconds(process.Id), Clock: Stopwatch.StartNew());
            void Add(string endpoint, object rps, object p50, object p99, object non2xx, string note)
            {
                var used = CpuSeconds(process.Id);
                var cores = (used - cpu.Seconds) / cpu.Clock.Elapsed.TotalSeconds;
                cpu = (used, Stopwatch.StartNew());
                table.Add(role, endpoint, rps, p50, p99, non2xx, note, Memory(process.Id, "VmRSS"), cores.ToString("F2"));
            }

            // warm-up: the JIT's tier-1 compilation took a third of a core in the first seconds (dotnet-trace, top -H)
            var warm = await CreateEventAsync(http, EventValidation.MaxStock);
            Wrk($"-t2 -c{Connections} -d5s --latency -s {script} {url}/api/events/{warm}/claims");
            Wrk($"-t2 -c{Connections} -d2s --latency {url}/health/live");
            // ...and of the member page and the event read: their first second on a fresh instance has a p99 of
            // 140-590 ms (one-time initialization and JIT; ReadyToRun, TieredPGO or TieredCompilation off, more pool
            // threads: none changed it), which the rows below would otherwise report as the steady state
            var warmPage = await CreateEventAsync(http, 1_000);
            Wrk($"-t2 -c{Connections} -d3s --latency {url}/claim/{warmPage}");
            Wrk($"-t2 -c{Connections} -d2s --latency {url}/api/events/{warmPage}");

            var trivial = Wrk($"-t2 -c{Connections} -d{Seconds}s --latency {url}/health/live");
            Add("GET /health/live (trivial: the HTTP ceiling)", trivial.Rps, trivial.P50, trivial.P99, trivial.Non2xx, "");

            // what every member loads before claiming: the claim page and the event read
            var page = await CreateEventAsync(http, 1_000);
            var claimPage = Wrk($"-t2 -c{Connections} -d{Seconds}s --latency {url}/claim/{page}");
            Add("GET /claim/{code} (member page)", claimPage.Rps, claimPage.P50, claimPage.P99, claimPage.Non2xx,
                $"{claimPage.Rps / trivial.Rps:F2} of trivial{Statuses(claimPage, $"{url}/claim/{page}")}");
            var eventRead = Wrk($"-t2 -c{Connections} -d{Seconds}s --latency {url}/api/events/{page}");
            Add("GET /api/events/{code}", eventRead.Rps, eventRead.P50, eventRead.P99, eventRead.Non2xx,
                $"{eventRead.Rps / trivial.Rps:F2} of trivial{Statuses(eventRead, $"{url}/api/events/{page}")}");

            // granted: a stock no run can exhaust, so every claim is issued (a unique member's ticket per request), against
            // the same claims with the ticket check left out; the two alternate (A, B, A, B, means shown) so neither
            // gets the later, warmer slot
            var open = "";
            var load = $"-t2 -c{Connections} -d{Seconds}s --latency";
            var (issued, issuedUnchecked, issuedCpu, issuedUncheckedCpu) = Alternate(process.Id,
                () => Wrk($"{load} -s {script} {url}/api/events/{open = CreateEvent(http)}/claims"),
                () => Wrk($"{load} -s {uncheckedScript} {url}/bench/unchecked-claims/{CreateEvent(http)}"));
            var openView = await http.GetFromJsonAsync<JsonElement>($"/api/events/{open}");
            Add("POST claims: every one issued (mean of 2)", issued.Rps, issued.P50, issued.P99, issued.Non2xx,
                $"{issued.Requests:N0} claims in the last run, issued {openView.GetProperty("issued").GetInt64():N0}, " +
                    $"{issued.Rps / trivial.Rps:F2} of trivial");
            Add("POST claims, ticket check left out: every one issued (mean of 2)", issuedUnchecked.Rps, issuedUnchecked.P50,
                issuedUnchecked.P99, issuedUnchecked.Non2xx, $"with tickets: {issued.Rps / issuedUnchecked.Rps:F2} of this; app CPU " +
                    $"{issuedCpu:F1} µs a claim with the check, {issuedUncheckedCpu:F1} µs without");

            // the same with members following the sale live: the member page reads the event once a second; and, as the
            // page did before, a SignalR connection per member
            if (watchers > 0)
            {
                var polledSale = await CreateEventAsync(http, EventValidation.MaxStock);
                var (polled, reads) = await WithPollersAsync(url, polledSale, watchers,
                    () => Wrk($"-t2 -c{Connections} -d{Seconds}s --latency -s {script} {url}/api/events/{polledSale}/claims"));
                Add($"POST claims: every one issued, {watchers:N0} members polling the event each second", polled.Rps,
                    polled.P50, polled.P99, polled.Non2xx, $"{polled.Rps / issued.Rps:F2} of without; {reads / Seconds:N0} event reads/s");

                // a fresh sale: wrk's member ids start over each run, and on the sale above they would all be duplicates
                var watchedSale = await CreateEventAsync(http, EventValidation.MaxStock);
                var (watched, messages) = await WithWatchersAsync(url, token, watchedSale, watchers,
                    () => Wrk($"-t2 -c{Connections} -d{Seconds}s --latency -s {script} {url}/api/events/{watchedSale}/claims"));
                Add($"POST claims: every one issued, {watchers:N0} members watching", watched.Rps, watched.P50, watched.P99,
                    watched.Non2xx,
                    $"{watched.Rps / issued.Rps:F2} of without watchers; {messages / Seconds:N0} stats messages/s received");
            }

            // refused: a sold-out event, the answer most members get in a sale; with and without the ticket check, alternating
            var soldOut = await CreateEventAsync(http, 1);
            using (var first = new HttpRequestMessage(HttpMethod.Post, $"/bench/unchecked-claims/{soldOut}"))
            {
                first.Headers.Add("X-Bench-Member", "first");
                (await http.SendAsync(first)).EnsureSuccessStatusCode();
            }
            var (refused, refusedUnchecked, refusedCpu, refusedUncheckedCpu) = Alternate(process.Id,
                () => Wrk($"{load} -s {script} {url}/api/events/{soldOut}/claims"),
                () => Wrk($"{load} -s {uncheckedScript} {url}/bench/unchecked-claims/{soldOut}"));
            Add("POST claims: every one refused (sold out; mean of 2)", refused.Rps, refused.P50, refused.P99, refused.Non2xx,
                $"{refused.Non2xx:N0} answered 410, {refused.Rps / trivial.Rps:F2} of trivial");
            Add("POST claims, ticket check left out: every one refused (sold out; mean of 2)", refusedUnchecked.Rps,
                refusedUnchecked.P50, refusedUnchecked.P99, refusedUnchecked.Non2xx,
                $"with tickets: {refused.Rps / refusedUnchecked.Rps:F2} of this; app CPU {refusedCpu:F1} µs a claim with the " +
                    $"check, {refusedUncheckedCpu:F1} µs without");

            var code = await CreateEventAsync(http, Stock);
            var claims = Wrk($"-t2 -c{Connections} -d{Seconds}s --latency -s {script} {url}/api/events/{code}/claims");
            var view = await http.GetFromJsonAsync<JsonElement>($"/api/events/{code}");
            var granted = view.GetProperty("issued").GetInt64();
            Add($"POST claims: stock {Stock:N0}, then sold out", claims.Rps, claims.P50, claims.P99, claims.Non2xx,
                $"{claims.Requests:N0} claims, issued {granted:N0}: {StockVerdict(granted, claims.Requests)}");
            table.Add(role, "app memory: peak RSS over all the runs above (VmHWM)", "-", "-", "-", "-", Memory(process.Id, "VmHWM") + " MB",
                Memory(process.Id, "VmRSS"), "-");
            return issued.Rps / trivial.Rps;
        }
        finally
        {
            File.Delete(script);
            File.Delete(uncheckedScript);
            File.Delete(ticketFile);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Runs <paramref name="measure"/> while <paramref name="count"/> members read the sale once a second each
    /// (as the member page does); returns its result and how many reads were made meanwhile.</summary>
    private static async Task<(WrkResult Result, long Reads)> WithPollersAsync(string url, string code, int count, Func<WrkResult> measure)
    {
        long reads = 0;
        using var stop = new CancellationTokenSource();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url) };
        var members = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await Task.Delay(i * 1000 / count); // spread over the second, as real page loads are
            while (!stop.IsCancellationRequested)
            {
                try { (await client.GetAsync($"/api/events/{code}", stop.Token)).Dispose(); Interlocked.Increment(ref reads); }
                catch (OperationCanceledException) { break; }
                try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { break; }
            }
        })).ToList();
        await Task.Delay(2000); // every member polling
        Interlocked.Exchange(ref reads, 0);
        var result = await Task.Run(measure);
        var made = Interlocked.Read(ref reads);
        stop.Cancel();
        await Task.WhenAll(members);
        return (result, made);
    }

    /// <summary>Runs <paramref name="measure"/> while <paramref name="count"/> SignalR clients watch the sale (as member
    /// pages do); returns its result and how many stats messages the clients received meanwhile.</summary>
    private static async Task<(WrkResult Result, long Messages)> WithWatchersAsync(string url, string token, string code,
        int count, Func<WrkResult> measure)
    {
        long messages = 0;
        var connections = new List<HubConnection>();
        try
        {
            foreach (var batch in Enumerable.Range(0, count).Chunk(100))
                connections.AddRange(await Task.WhenAll(batch.Select(async _ =>
                {
                    var hub = new HubConnectionBuilder()
                        .WithUrl($"{url}/hubs/sales", o =>
                        {
                            o.SkipNegotiation = true;
                            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                            o.AccessTokenProvider = () => Task.FromResult<string?>(token); // the hub takes accounts only
                        })
                        .Build();
                    hub.On<JsonElement>("stats", _ => Interlocked.Increment(ref messages));
                    await hub.StartAsync();
                    await hub.InvokeAsync<JsonElement>("Watch", code);
                    return hub;
                })));
            Interlocked.Exchange(ref messages, 0);
            var result = await Task.Run(measure);
            return (result, Interlocked.Read(ref messages));
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>wrk does not count the requests still in flight when it stops (up to one per connection), though the
    /// app answers them: a sale that did not sell out may show up to that many more grants than counted claims.</summary>
    private static string StockVerdict(long granted, long counted) =>
        granted > Stock ? "OVERSOLD"
        : granted == Stock ? "exactly the stock"
        : counted >= Stock + Connections ? "WRONG: claims enough for the stock, fewer granted"
        : granted >= counted && granted <= counted + Connections ? "not sold out in the run; every claim granted"
        : "WRONG: claims refused while stock was left";

    /// <summary>User + system CPU seconds the process has used (/proc/PID/stat, clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    /// <summary>A memory line of /proc/PID/status (VmRSS now, VmHWM the peak) in MB.</summary>
    private static string Memory(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":")) ?? "x: 0 kB";
        return $"{long.Parse(Regex.Match(line, @"\d+").Value) / 1024:N0}";
    }

    /// <summary>Runs A, B, A, B and returns the mean of each (neither side always gets the later, warmer slot), with
    /// the app's CPU per request in each (µs): what the load generator's share of the cores does not blur.</summary>
    private static (WrkResult A, WrkResult B, double CpuA, double CpuB) Alternate(int pid, Func<WrkResult> a, Func<WrkResult> b)
    {
        var cpu = new double[2];
        long[] requests = [0, 0];
        WrkResult Run(int side, Func<WrkResult> run)
        {
            var before = CpuSeconds(pid);
            var result = run();
            cpu[side] += CpuSeconds(pid) - before;
            requests[side] += result.Requests;
            return result;
        }
        var (a1, b1, a2, b2) = (Run(0, a), Run(1, b), Run(0, a), Run(1, b));
        return (Mean(a1, a2), Mean(b1, b2), cpu[0] * 1e6 / requests[0], cpu[1] * 1e6 / requests[1]);
        static WrkResult Mean(WrkResult x, WrkResult y) =>
            new((x.Rps + y.Rps) / 2, (x.P50 + y.P50) / 2, (x.P99 + y.P99) / 2, x.Non2xx + y.Non2xx, y.Requests);
    }

    private static string CreateEvent(HttpClient http) => CreateEventAsync(http, EventValidation.MaxStock).GetAwaiter().GetResult();

    private static async Task<string> CreateEventAsync(HttpClient http, int stock)
    {
        var code = "HTTP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        (await http.PostAsJsonAsync("/api/events", new { code, name = "HTTP bench", stock })).EnsureSuccessStatusCode();
        return code;
    }

    private static async Task<string> CreateTokenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "bench" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{OperatorPassword}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Signs <paramref name="count"/> members in through POST /api/member-tickets; their tickets.</summary>
    private static async Task<string[]> SignInAsync(string url, int count)
    {
        var tickets = new string[count];
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = new Uri(url) };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Connections },
            async (i, ct) =>
            {
                using var response = await client.PostAsJsonAsync("/api/member-tickets", new { memberId = $"w{i}" }, ct);
                response.EnsureSuccessStatusCode();
                tickets[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("ticket").GetString()!;
            });
        return tickets;
    }

    // each wrk thread walks its own share of the signed-in members' tickets (TICKETS: the file they are in)
    private const string WrkTickets = """
        local threads = 0
        function setup(thread) thread:set("tid", threads); threads = threads + 1 end
        function init(args)
          tickets = {}
          for line in io.lines("TICKETS") do tickets[#tickets + 1] = "Bearer " .. line end
          count = #tickets
          counter = tid
        end

        """;

    // a unique member per request, the ticket its only credential, no body
    private const string WrkClaimScript = WrkTickets + """
        function request()
          counter = counter + 2
          return wrk.format("POST", nil, { ["Authorization"] = tickets[counter % count + 1] }, nil)
        end
        """;

    // the baseline: the same requests (the same tickets, which its endpoint never reads, so wrk does the same work and
    // the app receives the same bytes), each naming a unique member in a header
    private const string WrkUncheckedScript = WrkTickets + """
        function request()
          counter = counter + 2
          local headers = { ["Authorization"] = tickets[counter % count + 1], ["X-Bench-Member"] = "u" .. counter }
          return wrk.format("POST", nil, headers, nil)
        end
        """;

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("the app did not become healthy");
    }

    /// <summary>Nothing when every answer was 2xx. Else a second, short run that counts the statuses (counting in wrk's
    /// Lua slows wrk, so it is not done in the measured run): wrk's summary says only how many were not 2xx.</summary>
    private static string Statuses(WrkResult measured, string url)
    {
        if (measured.Non2xx == 0) return "";
        var script = Path.Combine(Path.GetTempPath(), $"statuses-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, WrkStatusScript);
        try
        {
            var output = ClaimPathBench.Run("wrk", $"-t2 -c{Connections} -d3s -s {script} {url}");
            var counts = Regex.Matches(output, @"^status (\d+) (\d+)$", RegexOptions.Multiline)
                .Select(m => $"{m.Groups[1]}: {m.Groups[2]}");
            return $"; a 3 s rerun counted statuses {string.Join(", ", counts)}";
        }
        finally { File.Delete(script); }
    }

    private const string WrkStatusScript = """
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) statuses = {} end
        function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
        function done(summary, latency, requests)
          local counts = {}
          for _, t in ipairs(threads) do
            for code, n in pairs(t:get("statuses")) do counts[code] = (counts[code] or 0) + n end
          end
          for code, n in pairs(counts) do print("status " .. code .. " " .. n) end
        end
        """;

    private sealed record WrkResult(double Rps, double P50, double P99, long Non2xx, long Requests);

    private static WrkResult Wrk(string args)
    {
        var output = ClaimPathBench.Run("wrk", args);
        double Latency(string percentile)
        {
            var m = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)");
        return new WrkResult(
            double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture),
            Latency("50"), Latency("99"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value) : 0,
            long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value));
    }
}

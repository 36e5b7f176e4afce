using System.Globalization;
using StackExchange.Redis;

namespace FlashSaleUI.Bench;

/// <summary>Our claim path (one process, many async callers, one multiplexer) against Redis's own ceiling for the
/// same script: redis-benchmark, pipelining 16, running EVALSHA of claim.lua. Alternated twice so noise cancels.</summary>
public static class ClaimPathBench
{
    private const int Claims = 300_000, Callers = 200;

    public static async Task RunAsync(BenchEnvironment env)
    {
        await env.FlushRedisAsync();
        using var redis = RedisConnector.Connect(env.Redis);
        var scripts = new RedisScripts();
        var live = new RedisLiveEventStore(redis, scripts);
        var claims = new RedisClaimService(redis, scripts, new ClaimMetrics());
        var table = new Table($"Claim path vs Redis's ceiling: {Claims:N0} claims of claim.lua (every one issued), same machine, same run",
            "round", "FlashSaleUI claim service (claims/s)", "p50 ms", "p99 ms", "redis-benchmark -P 16 EVALSHA (claims/s)", "ratio");
        var ratios = new List<double>();
        for (var round = 1; round <= 2; round++)
        {
            var ours = await NewEventAsync(live);
            var (rate, p50, p99) = await CoreAsync(claims, ours);
            var theirs = await NewEventAsync(live);
            await claims.ClaimAsync(theirs, MemberId.Parse("load-script")); // so EVALSHA finds it
            var ceiling = RedisBenchmark(env.Redis, theirs, scripts.Claim.Sha1);
            ratios.Add(rate / ceiling);
            table.Add(round, rate, p50, p99, ceiling, $"{rate / ceiling:F2}");
        }
        table.Print();
        Console.WriteLine($"\nratio (ours / redis-benchmark), best of 2: {ratios.Max():F2} (target >= 0.40)");
        await ScriptCostAsync(env, live, claims, scripts);
    }

    /// <summary>What one script call costs Redis, against a minimal DECR script: redis-benchmark pipelines 16 calls
    /// per round trip, so calls/s is close to 1 / (the script's time on Redis's one thread).</summary>
    private static async Task ScriptCostAsync(BenchEnvironment env, RedisLiveEventStore live,
        RedisClaimService claims, RedisScripts scripts)
    {
        var table = new Table("Script cost on Redis: redis-benchmark -P 16 -c 50, 300,000 calls each",
            "script, path", "calls/s", "µs per call");
        var endpoint = ConfigurationOptions.Parse(env.Redis).EndPoints[0].ToString()!.Split(':');
        var host = $"-h {endpoint[0]} -p {endpoint[1]} -n {Claims} -c 50 -P 16 --csv";
        double Rate(string args)
        {
            var row = Run("redis-benchmark", $"{host} {args}").Split('\n',
                StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("\"EVAL"));
            // "test","rps",...: the test is the command itself, commas included
            var rps = System.Text.RegularExpressions.Regex.Matches(row, "\"([^\"]*)\"")[1].Groups[1].Value;
            return double.Parse(rps, CultureInfo.InvariantCulture);
        }
        void Row(string name, double rate) => table.Add(name, rate.ToString("N0"), (1e6 / rate).ToString("F1"));

        Row("minimal: return DECR (1 key)", Rate("EVAL \"return redis.call('DECR',KEYS[1])\" 1 bench:decr"));
        var open = await NewEventAsync(live);
        await claims.ClaimAsync(open, MemberId.Parse("load-script"));
        string Claim(EventCode code, string member) { var k = new EventKeys(code);
            return $"EVALSHA {Convert.ToHexStringLower(scripts.Claim.Sha1)} 5 {k.Stock} {k.Grants} {k.Window} {k.Outcomes} {k.Outbox} " +
                $"{member} 7KQ2M9XD4TPA1ZVB"; }
        Row("claim.lua, issued (new member each call)", Rate("-r 1000000000 " + Claim(open, "rb:__rand_int__")));
        Row("claim.lua, duplicate", Rate(Claim(open, "load-script")));
        var soldOut = EventCode.Parse("SOLD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        await live.PlaceAsync(new FlashSaleEvent(soldOut, "Sold out", 1, null, null, null, DateTimeOffset.UtcNow));
        await claims.ClaimAsync(soldOut, MemberId.Parse("winner"));
        Row("claim.lua, sold out", Rate("-r 1000000000 " + Claim(soldOut, "rb:__rand_int__")));
        foreach (var (name, body) in GrantLadder)
            Row(name, Rate($"-r 1000000000 EVAL \"{body}\" 4 {{L}}:stock {{L}}:grants {{L}}:window {{L}}:outbox rb:__rand_int__"));
        table.Print();
    }

    /// <summary>claim.lua's grant path built up one step at a time (new member each call, stock never runs out): what
    /// each step it cannot do without adds to Redis's time per grant.</summary>
    // claim.lua's steps, each written once; a rung is the steps before it plus the decrement
    private const string ReadSteps = "local s=redis.call('GET',KEYS[1]) " +
        "if redis.call('HEXISTS',KEYS[2],ARGV[1])==1 then return -3 end ";
    private const string WindowStep = "local w=redis.call('HMGET',KEYS[3],'opensAt','closesAt','closed') ";
    private const string Decrement = "local r=redis.call('DECR',KEYS[1]) ";
    private const string OutboxEntry = "local id=redis.call('XADD',KEYS[4],'*','memberId',ARGV[1]) ";

    private static readonly (string Name, string Body)[] GrantLadder =
    [
        ("grant steps: DECR only", Decrement + "return r"),
        ("grant steps: + read stock, member already granted?", ReadSteps + Decrement + "return r"),
        ("grant steps: + read the window", ReadSteps + WindowStep + Decrement + "return r"),
        ("grant steps: + record the member (HSET)",
            ReadSteps + WindowStep + Decrement + "redis.call('HSET',KEYS[2],ARGV[1],'c') return r"),
        ("grant steps: + outbox entry (XADD): all of claim.lua's work",
            ReadSteps + WindowStep + Decrement + OutboxEntry + "redis.call('HSET',KEYS[2],ARGV[1],id) return r"),
        ("XADD alone", OutboxEntry + "return id"),
    ];

    private static async Task<EventCode> NewEventAsync(RedisLiveEventStore live)
    {
        var code = EventCode.Parse("PATH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        await live.PlaceAsync(new FlashSaleEvent(code, "Claim path", EventValidation.MaxStock, null, null, null, DateTimeOffset.UtcNow));
        return code;
    }

    private static async Task<(double Rate, double P50, double P99)> CoreAsync(RedisClaimService claims, EventCode code)
    {
        var latencies = new Latencies();
        var members = Enumerable.Range(0, Claims).Select(i => MemberId.Parse($"c{i}")).ToArray();
        var next = -1;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Claims)
            {
                var result = await latencies.TimeAsync(() => claims.ClaimAsync(code, members[i]));
                if (result.Status != ClaimStatus.Issued) throw new InvalidOperationException($"unexpected {result.Status}");
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        // every allocation in the process during the run (the claim service, StackExchange.Redis, the callers' tasks
        // and the latency list) over the claims made
        Console.WriteLine($"allocated per claim (whole process, in-process claim path): " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Claims:N0} bytes");
        return (Claims / seconds, latencies.Percentile(50), latencies.Percentile(99));
    }

    private static double RedisBenchmark(string redis, EventCode code, byte[] sha)
    {
        var endpoint = ConfigurationOptions.Parse(redis).EndPoints[0].ToString()!.Split(':');
        var keys = new EventKeys(code);
        var args = $"-h {endpoint[0]} -p {endpoint[1]} -n {Claims} -c 50 -P 16 -r 1000000000 --csv " +
                   $"EVALSHA {Convert.ToHexStringLower(sha)} 5 {keys.Stock} {keys.Grants} {keys.Window} {keys.Outcomes} {keys.Outbox} " +
                   "rb:__rand_int__ rb-claim";
        var output = Run("redis-benchmark", args);
        // --csv: "test","rps",...  then one row per test
        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("\"EVALSHA"));
        return double.Parse(row.Split(',')[1].Trim('"'), CultureInfo.InvariantCulture);
    }

    public static string Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true,
            RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {stderr.Result}");
        return stdout.Result;
    }
}

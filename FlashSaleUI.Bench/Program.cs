using FlashSaleUI.Bench;

// ./bench.sh [suite...]   suites: strategies, claims, http, pipeline, scaling, buckets, records, pieces (default: all but
// buckets, records and pieces)
var suites = args.Length == 0 ? ["all"] : args;
var env = new BenchEnvironment();
Console.WriteLine($"# FlashSaleUI benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET " +
    $"{Environment.Version}");
foreach (var suite in suites)
{
    switch (suite)
    {
        case "strategies":
            await StrategyBench.RunAsync(env);
            break;
        case "claims":
            await ClaimPathBench.RunAsync(env);
            break;
        case "http":
            await HttpBench.RunAsync(env);
            break;
        case "pipeline":
            await PipelineBench.RunAsync(env);
            break;
        case "scaling":
            await ScalingBench.RunAsync(env);
            break;
        case "buckets":
            await BucketBench.RunAsync();
            break;
        case "records":
            await RecordsBench.RunAsync(env);
            break;
        case "pieces":
            PiecesBench.Run();
            break;
        case "all":
            await StrategyBench.RunAsync(env);
            await ClaimPathBench.RunAsync(env);
            await HttpBench.RunAsync(env);
            await PipelineBench.RunAsync(env);
            await ScalingBench.RunAsync(env);
            break;
        default:
            Console.Error.WriteLine($"unknown suite '{suite}' (strategies, claims, http, pipeline, scaling, buckets, records, pieces, " +
                "all)");
            return 2;
    }
}
return 0;

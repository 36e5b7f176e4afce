using FlashSaleUI.Bench;

// ./bench.sh [suite...]   suites: pipeline (default: all)
var suites = args.Length == 0 ? ["all"] : args;
var env = new BenchEnvironment();
Console.WriteLine($"# FlashSaleUI benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
foreach (var suite in suites)
{
    switch (suite)
    {
        case "pipeline" or "all":
            await PipelineBench.RunAsync(env);
            break;
        default:
            Console.Error.WriteLine($"unknown suite '{suite}' (pipeline, all)");
            return 2;
    }
}
return 0;

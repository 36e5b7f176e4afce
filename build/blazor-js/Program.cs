using System.Reflection;

// usage: ExtractBlazorJs <packages folder> <output folder>
var packages = args[0];
var output = args[1];
var lib = Directory.GetDirectories(Path.Combine(packages, "microsoft.aspnetcore.app.runtime.linux-x64"))
    .Select(v => Path.Combine(v, "runtimes", "linux-x64", "lib")).Where(Directory.Exists)
    .SelectMany(Directory.GetDirectories).Order().Last();
Directory.CreateDirectory(output);
var assembly = Assembly.LoadFile(Path.Combine(lib, "Microsoft.AspNetCore.Components.Endpoints.dll"));
var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("blazor.web.js", StringComparison.Ordinal));
using var source = assembly.GetManifestResourceStream(resource)!;
using var target = File.Create(Path.Combine(output, "blazor.web.js"));
source.CopyTo(target);
Console.WriteLine($"blazor.web.js ({target.Length:N0} bytes) from {lib}");

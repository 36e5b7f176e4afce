using System.Text.RegularExpressions;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The docs name files that exist: every link target, and every `path` or `File.cs` in backticks, is found in the
/// repository (a file renamed or deleted fails here, not in a newcomer's afternoon).</summary>
public partial class DocsPathTests
{
    private static readonly string[] Skipped = ["/bin/", "/obj/", "/.local/", "/.git/", "/node_modules/"];
    private static readonly string[] FileKinds =
        [".cs", ".razor", ".lua", ".js", ".css", ".sh", ".md", ".json", ".yml", ".yaml", ".conf", ".png", ".csproj", ".sln"];

    [Fact]
    public void Every_path_the_docs_name_exists()
    {
        var root = TestEnvironment.RepositoryRoot();
        var files = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !Skipped.Any(s => (f + "/").Contains(s)))
            .ToList();
        var docs = files.Where(f => f.EndsWith(".md") && (f.LastIndexOf('/') == 0 || f.StartsWith("/docs/"))).ToList();
        Assert.Contains("/README.md", docs);
        Assert.Contains("/docs/api.md", docs);

        var missing = new List<string>();
        var named = 0;
        foreach (var doc in docs)
        {
            var text = File.ReadAllText(Path.Join(root, doc));
            var folder = doc[..(doc.LastIndexOf('/') + 1)];
            foreach (Match link in LinkTarget().Matches(text))
            {
                var target = link.Groups[1].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://") || target.StartsWith("mailto:")) continue;
                named++;
                if (!files.Contains(Normalise(folder + target).TrimEnd('/'))) missing.Add($"{doc}: link ({target})");
            }
            foreach (Match code in InlineCode().Matches(text))
            {
                var token = code.Groups[1].Value.TrimEnd('/');
                if (token.StartsWith("./")) token = token[2..];
                if (!LooksLikePath(token)) continue;
                named++;
                if (!files.Any(f => f.EndsWith("/" + token) || f.EndsWith(token) && token.Contains('/'))
                    && !files.Contains(Normalise(folder + token)))
                    missing.Add($"{doc}: `{code.Groups[1].Value}`");
            }
        }
        Assert.True(named > 100, $"only {named} paths found in the docs: is the pattern still right?");
        Assert.True(missing.Count == 0, "paths the docs name that do not exist:\n" + string.Join("\n", missing.Distinct()));
    }

    private static bool LooksLikePath(string token) =>
        PathShape().IsMatch(token) && !token.StartsWith(".local") && !token.StartsWith("...") && !FromTheFramework.Contains(token)
        && (token.Contains('/') ? token.Split('/')[0] is var first && (first.Contains('.') || first is "docs" or "scripts"
                or "deploy" or "wwwroot" or "redis-scripts" or "Core" or "Components" or "Api" or "Security" or "Browser"
                or "Integration" or "Unit" or "Operator" or "Member" or "Account" or "Layout" or "Persistence" or "Members")
            : FileKinds.Any(token.EndsWith));

    // served by ASP.NET Core itself, not a file of this repository
    private static readonly string[] FromTheFramework = ["blazor.web.js"];

    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..") { if (parts.Count > 1) parts.RemoveAt(parts.Count - 1); }
            else if (part != ".") parts.Add(part);
        }
        return string.Join('/', parts);
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*/?$")]
    private static partial Regex PathShape();
}

namespace FlashSaleUI.Tests.Unit;

/// <summary>The line length in .editorconfig is kept, not just written down: a longer line fails the build's tests.</summary>
public class SourceLayoutTests
{
    private const int MaxLineLength = 140;
    private static readonly string[] Kept = ["*.cs", "*.razor", "*.js", "*.css", "*.lua", "*.sh", "*.md"];
    // (EF Core migrations are written by dotnet ef: their layout is the tool's)
    private static readonly string[] Skipped = ["/bin/", "/obj/", "/.local/", "/.git/", "/node_modules/", "/Persistence/Migrations/"];

    [Fact]
    public void No_source_line_is_longer_than_140_characters()
    {
        var root = TestEnvironment.RepositoryRoot();
        var files = Kept.SelectMany(pattern => Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
            .Where(f => !Skipped.Any(s => f.Replace('\\', '/').Contains(s)))
            .ToList();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under {root}");

        var tooLong = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(root, l.File)}:{l.Line} ({l.Length})")
            .ToList();
        Assert.True(tooLong.Count == 0, "lines over 140 characters:\n" + string.Join("\n", tooLong));
    }
}

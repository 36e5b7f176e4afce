namespace FlashSaleUI.Bench;

/// <summary>Prints a Markdown table, so a run's output pastes straight into docs/BENCHMARKS.md.</summary>
public sealed class Table(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object[] cells) => _rows.Add(cells.Select(Format).ToArray());

    public void Print()
    {
        var widths = columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", columns.Select((c, i) => c.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in _rows)
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
    }

    private static string Format(object cell) => cell switch
    {
        double d => d >= 100 ? d.ToString("N0") : d.ToString("N2"),
        long or int => $"{cell:N0}",
        _ => cell.ToString() ?? "",
    };
}

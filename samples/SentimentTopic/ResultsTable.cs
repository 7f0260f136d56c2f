using System.Globalization;

namespace SentimentTopic;

/// <summary>Prints the comparison table: task | metric | single-task | multi-task.</summary>
internal static class ResultsTable
{
    /// <summary>One row of the table.</summary>
    public sealed record Row(string Task, string Metric, double SingleTask, double MultiTask);

    public static void Print(IReadOnlyList<Row> rows)
    {
        string[] header = ["task", "metric", "single-task", "multi-task"];
        var cells = rows.Select(r => new[] { r.Task, r.Metric, Format(r.SingleTask), Format(r.MultiTask) }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Max(row => row[c].Length))).ToArray();
        Console.WriteLine(Line(header, widths));
        Console.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            Console.WriteLine(Line(row, widths));
        }
    }

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Line(string[] cells, int[] widths) => string.Join(" | ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
}

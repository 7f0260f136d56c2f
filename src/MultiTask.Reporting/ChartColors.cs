using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>The series colours: matplotlib's "tab10" (Category10) palette, task t in colour t mod 10.</summary>
internal static class ChartColors
{
    private static readonly string[] Hex =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static Color Series(int index) => Color.FromHex(Hex[index % Hex.Length]);

    /// <summary>The colour of reference lines (chance diagonal, perfect calibration).</summary>
    public static Color Reference => Color.FromHex("#999999");
}

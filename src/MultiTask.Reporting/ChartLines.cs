using System.Globalization;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>Adds line series to a plot: no markers, points with a non-finite coordinate left out.</summary>
internal static class ChartLines
{
    public static void Add(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Color color, string? legend, bool dashed = false)
    {
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"A line needs as many x as y values; got {xs.Count.ToString(CultureInfo.InvariantCulture)} and {ys.Count.ToString(CultureInfo.InvariantCulture)}.");
        }
        var x = new List<double>(xs.Count);
        var y = new List<double>(ys.Count);
        for (int i = 0; i < xs.Count; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                x.Add(xs[i]);
                y.Add(ys[i]);
            }
        }
        if (x.Count == 0)
        {
            return;
        }
        var scatter = plot.Add.Scatter(x.ToArray(), y.ToArray(), color);
        scatter.MarkerSize = x.Count == 1 ? 6 : 0;
        scatter.LineWidth = 2;
        if (dashed)
        {
            scatter.LinePattern = LinePattern.Dashed;
        }
        if (legend is not null)
        {
            scatter.LegendText = legend;
        }
    }

    public static void Reference(Plot plot, double x0, double y0, double x1, double y1, string legend)
    {
        var line = plot.Add.Line(x0, y0, x1, y1);
        line.Color = ChartColors.Reference;
        line.LineWidth = 1;
        line.LinePattern = LinePattern.Dotted;
        line.LegendText = legend;
    }
}

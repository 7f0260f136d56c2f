using System.Globalization;
using MultiTask.Evaluation;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>Horizontal bar charts: feature importances and the multi-task gain Δm. The first item is the top bar.</summary>
public static class BarPlots
{
    /// <summary>
    /// Feature importances (for example permutation importances of one task) as bars in colour #1f77b4, with
    /// ± one standard deviation as error bars when given.
    /// </summary>
    /// <param name="features">The feature names, in the order to draw them (top first).</param>
    /// <param name="importances">One importance per feature.</param>
    /// <param name="standardDeviations">One standard deviation per feature; null for no error bars. Default: null.</param>
    /// <param name="title">The chart title, for example the task name. Default: "Feature importance".</param>
    public static Chart Importances(IReadOnlyList<string> features, IReadOnlyList<double> importances, IReadOnlyList<double>? standardDeviations = null, string title = "Feature importance")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(importances);
        CheckCount(features.Count, importances.Count, nameof(importances));
        if (standardDeviations is not null)
        {
            CheckCount(features.Count, standardDeviations.Count, nameof(standardDeviations));
        }
        var colors = Enumerable.Repeat(ChartColors.Series(0), features.Count).ToArray();
        return Draw(features, importances, standardDeviations, colors, title, "Importance");
    }

    /// <summary>
    /// The terms of Δm: per task and metric the signed relative change of the multi-task model against its
    /// single-task baseline in percent (positive = better; green #2ca02c, negative red #d62728), titled with Δm.
    /// </summary>
    /// <param name="gain">The gain, from <see cref="MultiTaskGain.Compute(EvaluationReport, IEnumerable{EvaluationReport}, IReadOnlyList{string}?)"/>.</param>
    /// <param name="title">The chart title; null for "Δm = ±x.xx %". Default: null.</param>
    public static Chart DeltaM(MultiTaskGain gain, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(gain);
        var labels = gain.Comparisons.Select(c => $"{c.Task} {c.Metric}").ToArray();
        var values = gain.Comparisons.Select(c => c.RelativeChangePercent).ToArray();
        var colors = values.Select(v => ChartColors.Series(v >= 0 ? 2 : 3)).ToArray();
        title ??= string.Create(CultureInfo.InvariantCulture, $"Δm = {gain.DeltaMPercent:+0.00;-0.00;0.00} %");
        var chart = Draw(labels, values, null, colors, title, "Relative change against single-task (%)");
        chart.Plot.Add.VerticalLine(0, 1, Colors.Black);
        return chart;
    }

    private static Chart Draw(IReadOnlyList<string> labels, IReadOnlyList<double> values, IReadOnlyList<double>? errors, Color[] colors, string title, string valueLabel)
    {
        int n = labels.Count;
        var plot = new Plot();
        var bars = new List<Bar>(n);
        for (int i = 0; i < n; i++)
        {
            bars.Add(new Bar
            {
                Position = n - 1 - i,
                Value = values[i],
                FillColor = colors[i],
                LineWidth = 0,
                Size = 0.7,
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        for (int i = 0; errors is not null && i < n; i++)
        {
            // Error bar: value ± error with end caps, in black, drawn as lines (Bar.Error drew nothing here with ScottPlot 5.1.59).
            double y = n - 1 - i, lo = values[i] - errors[i], hi = values[i] + errors[i];
            plot.Add.Line(lo, y, hi, y).Color = Colors.Black;
            plot.Add.Line(lo, y - 0.12, lo, y + 0.12).Color = Colors.Black;
            plot.Add.Line(hi, y - 0.12, hi, y + 0.12).Color = Colors.Black;
        }
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. labels]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Title(title);
        plot.XLabel(valueLabel);
        return new Chart(plot);
    }

    private static void CheckCount(int features, int count, string parameter)
    {
        if (count != features)
        {
            throw new ArgumentException($"{parameter} has {count.ToString(CultureInfo.InvariantCulture)} values for {features.ToString(CultureInfo.InvariantCulture)} features.", parameter);
        }
    }
}

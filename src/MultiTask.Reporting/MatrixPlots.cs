using System.Globalization;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>
/// Heat maps of labelled matrices, for example a task-affinity matrix (Fifty et al., NeurIPS 2021) or mean gradient
/// cosines between tasks: row 0 at the top, column 0 at the left, each cell labelled with its value.
/// </summary>
public static class MatrixPlots
{
    /// <summary>
    /// Draws the matrix. Non-negative values use a white-to-blue scale from 0 to the largest value; when any value is
    /// negative, a red–white–blue scale symmetric around 0 (red negative, blue positive).
    /// </summary>
    /// <param name="values">The matrix [row, column]; NaN cells are drawn empty and labelled "NaN".</param>
    /// <param name="rowLabels">One label per row (for example task names).</param>
    /// <param name="columnLabels">One label per column.</param>
    /// <param name="title">The chart title. Default: "Matrix".</param>
    /// <param name="xLabel">The x-axis label (columns). Default: "".</param>
    /// <param name="yLabel">The y-axis label (rows). Default: "".</param>
    /// <param name="format">The .NET number format of the cell labels (invariant culture). Default: "0.00".</param>
    public static Chart Heatmap(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string title = "Matrix", string xLabel = "", string yLabel = "", string format = "0.00")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows == 0 || columns == 0 || rowLabels.Count != rows || columnLabels.Count != columns)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A heat map needs a non-empty matrix with one label per row and column; got {rows} × {columns} values, {rowLabels.Count} row labels and {columnLabels.Count} column labels."), nameof(values));
        }
        var finite = values.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        bool signed = finite.Min() < 0;
        double extent = Math.Max(finite.Select(Math.Abs).Max(), double.Epsilon);
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = signed ? new RedWhiteBlue() : new WhiteToBlue();
        heatmap.ManualRange = signed ? new ScottPlot.Range(-extent, extent) : new ScottPlot.Range(0, extent);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double v = values[i, j];
                var text = plot.Add.Text(double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "NaN", j, rows - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 14;
                text.LabelFontColor = double.IsFinite(v) && Math.Abs(v) > extent / 2 ? Colors.White : Colors.Black;
            }
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, columns).Select(j => (double)j)], [.. columnLabels]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))], [.. rowLabels]);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return new Chart(plot);
    }
}

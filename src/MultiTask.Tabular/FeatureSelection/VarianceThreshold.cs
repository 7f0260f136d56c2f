using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Drops features whose variance is not above a threshold — scikit-learn's <c>VarianceThreshold</c> (1.2). It ignores
/// targets, so it works as an unsupervised step (<see cref="ITransformEstimator"/>) and inside supervised selection
/// (<see cref="ISupervisedTransformEstimator"/>).
/// </summary>
/// <remarks>
/// The variance is the population variance (divisor n) of the non-missing values (<c>np.nanvar</c>); missing values
/// (NaN) are allowed. With threshold 0 a column's score is min(variance, max − min) when it has no missing value, so
/// a constant column scores exactly 0 despite rounding. A column is kept when its score is above the threshold; an
/// all-missing column (variance NaN) is dropped. As in scikit-learn, a table where no column passes is an error.
/// The fitted <see cref="FittedColumnSelection.Scores"/> are these variances (NaN stored as <see cref="double.MinValue"/>).
/// </remarks>
public sealed class VarianceThreshold : ITransformEstimator, ISupervisedTransformEstimator
{
    /// <summary>Features with variance above this are kept. Range: finite, ≥ 0. Default: 0 (drops constant features).</summary>
    public double Threshold
    {
        get;
        init => field = OptionChecks.NonNegative(value, nameof(Threshold));
    }

    /// <summary>Each column's variance as compared with the threshold (scikit-learn's <c>variances_</c>).</summary>
    /// <param name="data">Numeric columns; NaN marks a missing value.</param>
    /// <returns>One variance per column; NaN for an all-missing column.</returns>
    /// <exception cref="ArgumentException">A column is categorical or the table has no columns; the message names the column.</exception>
    public double[] Variances(TabularData data)
    {
        var x = FeatureMatrix.FromTable(data, "VarianceThreshold");
        var variances = new double[x.ColumnCount];
        Parallel.For(0, x.ColumnCount, j => variances[j] = Variance(x.Columns[j], Threshold == 0));
        return variances;
    }

    /// <summary>Keeps the columns whose variance is above <see cref="Threshold"/>.</summary>
    /// <param name="data">Numeric columns; NaN marks a missing value.</param>
    /// <returns>The selection, with the variances as scores.</returns>
    /// <exception cref="ArgumentException">No column passes the threshold, a column is categorical, or the table has no columns.</exception>
    public FittedColumnSelection Fit(TabularData data)
    {
        var variances = Variances(data);
        var mask = variances.Select(v => v > Threshold).ToArray();
        if (!mask.Contains(true))
        {
            string single = data.RowCount == 1 ? " (the data has a single row)" : string.Empty;
            throw new ArgumentException($"No feature meets the variance threshold {Threshold}{single}: every column is constant, missing, or at most the threshold (largest variance {variances.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max()}).", nameof(data));
        }

        return SupportMasks.ToSelection(data.ColumnNames, mask, variances);
    }

    /// <inheritdoc/>
    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    /// <summary>Keeps the columns whose variance is above <see cref="Threshold"/>; the targets are not used.</summary>
    /// <param name="data">Numeric columns.</param>
    /// <param name="tasks">Ignored.</param>
    /// <param name="targets">Ignored.</param>
    /// <returns>The selection.</returns>
    IFittedTransform ISupervisedTransformEstimator.Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data);

    private static double Variance(double[] column, bool usePeakToPeak)
    {
        int count = 0;
        double sum = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in column)
        {
            if (!double.IsNaN(v))
            {
                count++;
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (count == 0)
        {
            return double.NaN;
        }

        double mean = sum / count;
        double ss = 0;
        foreach (double v in column)
        {
            if (!double.IsNaN(v))
            {
                double d = v - mean;
                ss += d * d;
            }
        }

        double variance = ss / count;

        // scikit-learn takes nanmin(variance, ptp); ptp is NaN when a value is missing, so then only the variance counts.
        return usePeakToPeak && count == column.Length ? Math.Min(variance, max - min) : variance;
    }
}

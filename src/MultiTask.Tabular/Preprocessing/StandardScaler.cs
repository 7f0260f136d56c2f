using System.Globalization;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Standardises numeric columns to (x − mean) / std, as scikit-learn's <c>StandardScaler</c>: population standard
/// deviation; a (near-)constant column is scaled by 1; missing values (NaN) are ignored when fitting and stay missing.
/// </summary>
/// <remarks>A column with no present value cannot be fitted (an <see cref="ArgumentException"/> names it).</remarks>
public sealed class StandardScaler : ITransformEstimator
{
    /// <summary>Whether to subtract the mean (scikit-learn's <c>with_mean</c>). Default: true.</summary>
    public bool WithMean { get; init; } = true;

    /// <summary>Whether to divide by the standard deviation (<c>with_std</c>). Default: true.</summary>
    public bool WithStd { get; init; } = true;

    /// <summary>The columns to scale (numeric); null for every numeric column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's mean and variance.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">A column is absent, categorical or entirely missing, or its mean or variance overflows; the message names it.</exception>
    public FittedStandardScaler Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Numeric(data, Columns, FittedStandardScaler.KindName);
        var counts = new int[columns.Length];
        double[]? mean = WithMean || WithStd ? new double[columns.Length] : null;
        double[]? variance = WithStd ? new double[columns.Length] : null;
        double[]? scale = WithStd ? new double[columns.Length] : null;
        for (int j = 0; j < columns.Length; j++)
        {
            var (count, m, v) = ColumnStatistics.MeanVariance(data.Numeric(columns[j]).Span);
            if (count == 0)
            {
                throw ColumnScaling.NoValues(columns[j], FittedStandardScaler.KindName);
            }

            if (!double.IsFinite(m) || !double.IsFinite(v))
            {
                // Values near ±1.8e308 overflow the sums; IsConstant would then treat an infinite variance as constant.
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{FittedStandardScaler.KindName}: column '{columns[j]}' has values too large to scale (its {(double.IsFinite(m) ? "variance" : "mean")} overflows double precision: {(double.IsFinite(m) ? v : m)})."), nameof(data));
            }

            counts[j] = count;
            if (mean is not null)
            {
                mean[j] = m;
            }

            if (variance is not null && scale is not null)
            {
                variance[j] = v;
                scale[j] = ColumnStatistics.IsConstant(v, m, count) ? 1.0 : Math.Sqrt(v);
            }
        }

        return new FittedStandardScaler(columns, WithMean, WithStd, counts, mean, variance, scale);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

using MathNet.Numerics.Distributions;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Scales numeric columns with statistics robust to outliers, as scikit-learn's <c>RobustScaler</c>:
/// (x − median) / (q_high − q_low), the quantiles by numpy's default linear interpolation. A zero interquantile
/// range scales by 1; missing values (NaN) are ignored when fitting and stay missing.
/// </summary>
/// <remarks>A column with no present value cannot be fitted (an <see cref="ArgumentException"/> names it).</remarks>
public sealed class RobustScaler : ITransformEstimator
{
    /// <summary>Whether to subtract the median (<c>with_centering</c>). Default: true.</summary>
    public bool WithCentering { get; init; } = true;

    /// <summary>Whether to divide by the interquantile range (<c>with_scaling</c>). Default: true.</summary>
    public bool WithScaling { get; init; } = true;

    /// <summary>The quantiles, in percent, whose difference is the scale (<c>quantile_range</c>); 0 ≤ Low ≤ High ≤ 100. Default: (25, 75).</summary>
    public (double Low, double High) QuantileRange
    {
        get;
        init => field = value.Low >= 0 && value.Low <= value.High && value.High <= 100
            ? value
            : throw new ArgumentException($"QuantileRange ({value.Low}, {value.High}) needs 0 ≤ Low ≤ High ≤ 100.", nameof(QuantileRange));
    } = (25, 75);

    /// <summary>
    /// Whether to divide the scale further by the interquantile range of the standard normal distribution, so a normal
    /// column ends with unit variance (<c>unit_variance</c>). Default: false.
    /// </summary>
    public bool UnitVariance { get; init; }

    /// <summary>The columns to scale (numeric); null for every numeric column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's median and interquantile range.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">A column is absent, categorical or entirely missing; the message names it.</exception>
    public FittedRobustScaler Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Numeric(data, Columns, FittedRobustScaler.KindName);
        double[]? center = WithCentering ? new double[columns.Length] : null;
        double[]? scale = WithScaling ? new double[columns.Length] : null;
        double adjust = UnitVariance ? Normal.InvCDF(0, 1, QuantileRange.High / 100.0) - Normal.InvCDF(0, 1, QuantileRange.Low / 100.0) : 1.0;
        var buffer = new double[data.RowCount];
        for (int j = 0; j < columns.Length; j++)
        {
            var present = ColumnStatistics.Present(data.Numeric(columns[j]).Span, buffer);
            if (present.Length == 0)
            {
                throw ColumnScaling.NoValues(columns[j], FittedRobustScaler.KindName);
            }

            if (center is not null)
            {
                center[j] = ColumnStatistics.Median(present);
            }

            if (scale is not null)
            {
                double range = ColumnStatistics.Percentile(present, QuantileRange.High) - ColumnStatistics.Percentile(present, QuantileRange.Low);
                scale[j] = ColumnStatistics.NonZeroScale(range);
                if (UnitVariance)
                {
                    scale[j] /= adjust;
                }
            }
        }

        return new FittedRobustScaler(columns, center, scale);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

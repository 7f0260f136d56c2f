using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Scales numeric columns linearly onto <see cref="FeatureRange"/>, as scikit-learn's <c>MinMaxScaler</c>:
/// x · scale + min with scale = (high − low) / (max − min). A constant column (range below 10 machine epsilons) gets
/// scale (high − low), so it maps to <c>low</c>; missing values (NaN) are ignored when fitting and stay missing.
/// </summary>
/// <remarks>A column with no present value cannot be fitted (an <see cref="ArgumentException"/> names it).</remarks>
public sealed class MinMaxScaler : ITransformEstimator
{
    /// <summary>The target range (<c>feature_range</c>); Low &lt; High. Default: (0, 1).</summary>
    public (double Low, double High) FeatureRange
    {
        get;
        init => field = value.Low < value.High && double.IsFinite(value.Low) && double.IsFinite(value.High)
            ? value
            : throw new ArgumentException($"FeatureRange ({value.Low}, {value.High}) needs finite Low < High.", nameof(FeatureRange));
    } = (0, 1);

    /// <summary>Whether transformed values are clipped to <see cref="FeatureRange"/> (<c>clip</c>). Default: false.</summary>
    public bool Clip { get; init; }

    /// <summary>The columns to scale (numeric); null for every numeric column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's minimum and maximum.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">A column is absent, categorical or entirely missing; the message names it.</exception>
    public FittedMinMaxScaler Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Numeric(data, Columns, FittedMinMaxScaler.KindName);
        var min = new double[columns.Length];
        var max = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            (int count, min[j], max[j]) = ColumnStatistics.MinMax(data.Numeric(columns[j]).Span);
            if (count == 0)
            {
                throw ColumnScaling.NoValues(columns[j], FittedMinMaxScaler.KindName);
            }
        }

        return new FittedMinMaxScaler(columns, FeatureRange, Clip, min, max);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

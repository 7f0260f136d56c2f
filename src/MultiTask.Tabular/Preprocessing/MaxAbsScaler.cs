using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Divides numeric columns by their largest absolute value, as scikit-learn's <c>MaxAbsScaler</c> (values land in
/// [−1, 1], zeros stay zero). An all-zero column is divided by 1; missing values (NaN) are ignored when fitting and
/// stay missing.
/// </summary>
/// <remarks>A column with no present value cannot be fitted (an <see cref="ArgumentException"/> names it).</remarks>
public sealed class MaxAbsScaler : ITransformEstimator
{
    /// <summary>The columns to scale (numeric); null for every numeric column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's largest absolute value.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">A column is absent, categorical or entirely missing; the message names it.</exception>
    public FittedMaxAbsScaler Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Numeric(data, Columns, FittedMaxAbsScaler.KindName);
        var maxAbs = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            var (count, min, max) = ColumnStatistics.MinMax(data.Numeric(columns[j]).Span);
            if (count == 0)
            {
                throw ColumnScaling.NoValues(columns[j], FittedMaxAbsScaler.KindName);
            }

            maxAbs[j] = Math.Max(Math.Abs(min), Math.Abs(max));
        }

        return new FittedMaxAbsScaler(columns, maxAbs);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

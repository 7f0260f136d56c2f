using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Fills missing values with a per-column statistic, as scikit-learn 1.2's <c>SimpleImputer</c>. Numeric columns take
/// every <see cref="ImputationStrategy"/>; categorical columns take <see cref="ImputationStrategy.MostFrequent"/> and
/// <see cref="ImputationStrategy.Constant"/>.
/// </summary>
/// <remarks>
/// <para>
/// A column with no present value at fit time is, as in scikit-learn 1.2, dropped from the output for Mean, Median and
/// MostFrequent (listed in <see cref="FittedSimpleImputer.DroppedColumns"/>), and kept for Constant. With
/// <see cref="KeepEmptyFeatures"/> it is kept and filled with 0 (a categorical one with <see cref="CategoricalFillValue"/>,
/// where scikit-learn would put the number 0 in a text column).
/// </para>
/// <para>Imputed columns keep their place; indicator columns are appended at the end, in column order.</para>
/// </remarks>
public sealed class SimpleImputer : ITransformEstimator
{
    /// <summary>The statistic (<c>strategy</c>). Default: <see cref="ImputationStrategy.Mean"/>.</summary>
    public ImputationStrategy Strategy
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Strategy), value, "Unknown imputation strategy.");
    } = ImputationStrategy.Mean;

    /// <summary>The value for numeric columns with <see cref="ImputationStrategy.Constant"/> (<c>fill_value</c>). Default: 0.</summary>
    public double FillValue
    {
        get;
        init => field = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(FillValue), value, "FillValue must be finite.");
    }

    /// <summary>The value for categorical columns with <see cref="ImputationStrategy.Constant"/>. Default: "missing_value" (scikit-learn's).</summary>
    public string CategoricalFillValue
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(CategoricalFillValue));
    } = "missing_value";

    /// <summary>Whether to append a 0/1 indicator per column that had missing values at fit time (<c>add_indicator</c>). Default: false.</summary>
    public bool AddIndicator { get; init; }

    /// <summary>Whether a column with no present value at fit time is kept and filled with 0 rather than dropped (<c>keep_empty_features</c>). Default: false.</summary>
    public bool KeepEmptyFeatures { get; init; }

    /// <summary>
    /// The columns to impute; null for every numeric column (Mean, Median) or every column (MostFrequent, Constant).
    /// Other columns pass through.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's statistic.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted imputer.</returns>
    /// <exception cref="ArgumentException">A column is absent, or categorical with Mean or Median; the message names it.</exception>
    public FittedSimpleImputer Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool numericOnly = Strategy is ImputationStrategy.Mean or ImputationStrategy.Median;
        var columns = numericOnly
            ? StepColumns.Numeric(data, Columns, FittedSimpleImputer.KindName)
            : StepColumns.Any(data, Columns, FittedSimpleImputer.KindName);
        var numbers = new double[columns.Length];
        var texts = new string?[columns.Length];
        var buffer = new double[data.RowCount];
        for (int j = 0; j < columns.Length; j++)
        {
            switch (data[columns[j]])
            {
                case NumericColumn numeric:
                    numbers[j] = NumericStatistic(numeric.Span, buffer);
                    break;
                case CategoricalColumn categorical:
                    numbers[j] = double.NaN;
                    texts[j] = Strategy == ImputationStrategy.Constant
                        ? CategoricalFillValue
                        : ColumnStatistics.MostFrequent(categorical.Span) ?? (KeepEmptyFeatures ? CategoricalFillValue : null);
                    break;
            }
        }

        var indicators = AddIndicator ? MissingIndicators.ColumnsWithMissing(data, columns) : [];
        var kinds = columns.Select(c => data[c] is NumericColumn).ToArray();
        return new FittedSimpleImputer(Strategy, columns, kinds, numbers, texts, indicators);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    private double NumericStatistic(ReadOnlySpan<double> values, double[] buffer)
    {
        if (Strategy == ImputationStrategy.Constant)
        {
            return FillValue;
        }

        double statistic;
        if (Strategy == ImputationStrategy.Mean)
        {
            statistic = ColumnStatistics.Mean(values);
        }
        else if (Strategy == ImputationStrategy.Median)
        {
            var present = ColumnStatistics.Present(values, buffer);
            statistic = present.Length == 0 ? double.NaN : ColumnStatistics.Median(present);
        }
        else
        {
            var sorted = ColumnStatistics.SortedPresent(values, buffer);
            statistic = sorted.Length == 0 ? double.NaN : ColumnStatistics.MostFrequent(sorted);
        }

        return double.IsNaN(statistic) && KeepEmptyFeatures ? 0.0 : statistic;
    }
}

using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Fills each missing value with the mean of that column over the nearest training rows, as scikit-learn 1.2's
/// <c>KNNImputer</c> with the nan_euclidean metric: distance = sqrt(n_features / n_both · Σ (x − y)²) over the
/// coordinates present in both rows. The neighbours of a row for a column are chosen among the training rows where
/// that column is present; a row that shares no present coordinate with any of them gets the column's training mean.
/// </summary>
/// <remarks>
/// <para>
/// Ties at equal distance go to the training row that comes first. scikit-learn computes distances by the expansion
/// |x|² + |y|² − 2 x·y and selects with an unstable partition, so when two candidates are equally (or within rounding)
/// near at the k-th place the chosen neighbour may differ; elsewhere the results agree to rounding.
/// </para>
/// <para>
/// A column with no present value at fit time is dropped from the output (as scikit-learn), or with
/// <see cref="KeepEmptyFeatures"/> kept and set to 0 in every row. The fitted step keeps the training rows (as
/// scikit-learn's <c>_fit_X</c>), so its JSON grows with the training set.
/// </para>
/// </remarks>
public sealed class KnnImputer : ITransformEstimator
{
    /// <summary>The number of neighbours (<c>n_neighbors</c>); at least 1. Default: 5.</summary>
    public int Neighbors
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Neighbors), value, "Neighbors must be at least 1.");
    } = 5;

    /// <summary>How the neighbours' values are averaged (<c>weights</c>). Default: <see cref="KnnWeighting.Uniform"/>.</summary>
    public KnnWeighting Weights
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Weights), value, "Unknown weighting.");
    } = KnnWeighting.Uniform;

    /// <summary>Whether to append a 0/1 indicator per column that had missing values at fit time (<c>add_indicator</c>). Default: false.</summary>
    public bool AddIndicator { get; init; }

    /// <summary>Whether a column with no present value at fit time is kept and set to 0 rather than dropped (<c>keep_empty_features</c>). Default: false.</summary>
    public bool KeepEmptyFeatures { get; init; }

    /// <summary>The columns to impute, which are also the coordinates of the distance (numeric); null for every numeric column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Stores the training rows.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted imputer.</returns>
    /// <exception cref="ArgumentException">A column is absent or categorical; the message names it.</exception>
    public FittedKnnImputer Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Numeric(data, Columns, FittedKnnImputer.KindName);
        int rows = data.RowCount, p = columns.Length;
        var matrix = new double[rows * p];
        for (int j = 0; j < p; j++)
        {
            var values = data.Numeric(columns[j]).Span;
            for (int i = 0; i < rows; i++)
            {
                matrix[(i * p) + j] = values[i];
            }
        }

        var indicators = AddIndicator ? MissingIndicators.ColumnsWithMissing(data, columns) : [];
        return new FittedKnnImputer(columns, rows, matrix, Neighbors, Weights, KeepEmptyFeatures, indicators);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Encodes categorical columns as 0/1 columns, one per category, as scikit-learn 1.2's <c>OneHotEncoder</c>
/// (drop=None): categories in sorted (ordinal) order, output columns named "&lt;column&gt;_&lt;category&gt;" in place
/// of the input column.
/// </summary>
/// <remarks>
/// <para>
/// Missing values are a category of their own (as scikit-learn), placed last and named "&lt;column&gt;_nan"; with
/// <see cref="MissingAsCategory"/> false a missing value is an error instead. A missing value at transform time in a
/// column that had none at fit time is an unknown category.
/// </para>
/// <para>
/// Rare categories are grouped as scikit-learn does: a category seen fewer than <see cref="MinFrequency"/> times (or
/// in less than <see cref="MinFrequencyFraction"/> of the rows) is infrequent; with <see cref="MaxCategories"/>, the
/// least frequent categories (stable by category order) are infrequent too until at most MaxCategories outputs
/// remain. All infrequent categories share one last output column "&lt;column&gt;_infrequent_sklearn".
/// </para>
/// </remarks>
public sealed class OneHotEncoder : ITransformEstimator
{
    /// <summary>What to do with a category not seen at fit time (<c>handle_unknown</c>). Default: <see cref="UnknownCategoryHandling.Error"/>.</summary>
    public UnknownCategoryHandling HandleUnknown
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(HandleUnknown), value, "Unknown handling of unknown categories.");
    } = UnknownCategoryHandling.Error;

    /// <summary>The count below which a category is infrequent (<c>min_frequency</c> as an int); at least 1. Default: null.</summary>
    public int? MinFrequency
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinFrequency), value, "MinFrequency must be at least 1.");
    }

    /// <summary>The fraction of rows below which a category is infrequent (<c>min_frequency</c> as a float); in (0, 1). Default: null.</summary>
    public double? MinFrequencyFraction
    {
        get;
        init => field = value is null || (value > 0 && value < 1) ? value : throw new ArgumentOutOfRangeException(nameof(MinFrequencyFraction), value, "MinFrequencyFraction must be in (0, 1).");
    }

    /// <summary>The largest number of output columns per input column, the infrequent one included (<c>max_categories</c>); at least 1. Default: null.</summary>
    public int? MaxCategories
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCategories), value, "MaxCategories must be at least 1.");
    }

    /// <summary>Whether a missing value is a category of its own (true, scikit-learn's behaviour) or an error. Default: true.</summary>
    public bool MissingAsCategory { get; init; } = true;

    /// <summary>The columns to encode (categorical); null for every categorical column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's categories and which are infrequent.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted encoder.</returns>
    /// <exception cref="ArgumentException">A column is absent or numeric, both MinFrequency and MinFrequencyFraction are set, or a value is missing without <see cref="MissingAsCategory"/>; the message names the column.</exception>
    public FittedOneHotEncoder Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (MinFrequency is not null && MinFrequencyFraction is not null)
        {
            throw new ArgumentException("Set MinFrequency or MinFrequencyFraction, not both.", nameof(data));
        }

        var columns = StepColumns.Categorical(data, Columns, FittedOneHotEncoder.KindName);
        var categories = new string?[columns.Length][];
        var infrequent = new bool[columns.Length][];
        for (int j = 0; j < columns.Length; j++)
        {
            var column = data.Categorical(columns[j]);
            if (!MissingAsCategory && column.MissingCount > 0)
            {
                throw new ArgumentException($"Column '{columns[j]}' has missing values; impute them first or set MissingAsCategory.", nameof(data));
            }

            (categories[j], var counts) = CategoryEncoding.Learn(column);
            infrequent[j] = Infrequent(counts, data.RowCount);
        }

        return new FittedOneHotEncoder(columns, categories, infrequent, HandleUnknown, MissingAsCategory);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    /// <summary>scikit-learn 1.2's _identify_infrequent.</summary>
    private bool[] Infrequent(int[] counts, int rows)
    {
        double threshold = MinFrequency is { } count ? count : MinFrequencyFraction is { } fraction ? fraction * rows : 0;
        var infrequent = counts.Select(c => c < threshold).ToArray();
        int outputs = counts.Length - infrequent.Count(f => f) + 1;
        if (MaxCategories is { } max && max < outputs && max > 1)
        {
            // numpy.argsort(counts, kind="mergesort")[: -max + 1]: the smallest counts, stable by category order.
            var order = Enumerable.Range(0, counts.Length).OrderBy(c => counts[c]).ToArray();
            foreach (int c in order.Take(counts.Length - max + 1))
            {
                infrequent[c] = true;
            }
        }

        return infrequent;
    }
}

using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Replaces each categorical column by a numeric column of category codes 0 … n−1 in sorted (ordinal) order, as
/// scikit-learn 1.2's <c>OrdinalEncoder</c>. A missing value becomes <see cref="EncodedMissingValue"/> (NaN by
/// default, so an imputer or the model must handle it).
/// </summary>
/// <remarks>
/// A category not seen at fit time is an error, or, with <see cref="UnknownValue"/> set, encoded as that value
/// (scikit-learn's handle_unknown='use_encoded_value'). A missing value in a column that had none at fit time counts
/// as unknown, as in scikit-learn.
/// </remarks>
public sealed class OrdinalEncoder : ITransformEstimator
{
    /// <summary>
    /// The code of an unknown category (<c>unknown_value</c>): an integer outside 0 … n−1 (e.g. −1) or NaN; null makes
    /// an unknown category an error. Default: null.
    /// </summary>
    public double? UnknownValue
    {
        get;
        init => field = value is not { } v || double.IsNaN(v) || v == Math.Floor(v)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(UnknownValue), value, "UnknownValue must be an integer or NaN.");
    }

    /// <summary>The code of a missing value (<c>encoded_missing_value</c>): NaN or an integer outside 0 … n−1. Default: NaN.</summary>
    public double EncodedMissingValue
    {
        get;
        init => field = double.IsNaN(value) || value == Math.Floor(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(EncodedMissingValue), value, "EncodedMissingValue must be an integer or NaN.");
    } = double.NaN;

    /// <summary>The columns to encode (categorical); null for every categorical column. Other columns pass through.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Learns each column's categories.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted encoder.</returns>
    /// <exception cref="ArgumentException">A column is absent or numeric, or <see cref="UnknownValue"/> / <see cref="EncodedMissingValue"/> is the code of a category.</exception>
    public FittedOrdinalEncoder Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = StepColumns.Categorical(data, Columns, FittedOrdinalEncoder.KindName);
        var categories = columns.Select(c => CategoryEncoding.Learn(data.Categorical(c)).Categories).ToArray();
        for (int j = 0; j < columns.Length; j++)
        {
            int known = categories[j].Count(c => c is not null);
            foreach (var (name, code) in new[] { ("UnknownValue", UnknownValue ?? double.NaN), ("EncodedMissingValue", EncodedMissingValue) })
            {
                if (code >= 0 && code < known)
                {
                    throw new ArgumentException($"{name} {code} is already the code of category '{categories[j][(int)code]}' of column '{columns[j]}'.", nameof(data));
                }
            }
        }

        return new FittedOrdinalEncoder(columns, categories, UnknownValue, EncodedMissingValue);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);
}

using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>What the encoders share: learning a column's categories (scikit-learn's sorted order, missing last) and naming unknowns.</summary>
internal static class CategoryEncoding
{
    /// <summary>The name of the missing category in output column names (scikit-learn's, for NaN read by pandas).</summary>
    public const string MissingName = "nan";

    /// <summary>The sorted categories of a column, with null (missing) last when a value is missing; and each one's count.</summary>
    public static (string?[] Categories, int[] Counts) Learn(CategoricalColumn column)
    {
        var (present, counts, missing) = ColumnStatistics.CategoryCounts(column.Span);
        string?[] categories = present;
        return missing == 0 ? (categories, counts) : ([.. categories, null], [.. counts, missing]);
    }

    /// <summary>The index of each category (null excluded), for transform-time look-ups.</summary>
    public static Dictionary<string, int> Index(IReadOnlyList<string?> categories)
    {
        var index = new Dictionary<string, int>(categories.Count, StringComparer.Ordinal);
        for (int c = 0; c < categories.Count; c++)
        {
            if (categories[c] is { } category)
            {
                index[category] = c;
            }
        }

        return index;
    }

    /// <summary>The error for a category not seen at fit time.</summary>
    public static ArgumentException Unknown(string column, int row, string? value, string step)
        => new($"Column '{column}', row {row}: {(value is null ? "a missing value" : $"category '{value}'")} was not seen when the {step} was fitted; set its handling of unknown categories to accept it.", "data");
}

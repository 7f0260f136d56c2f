namespace MultiTask.Tabular.Preprocessing;

/// <summary>What <see cref="SimpleImputer"/> fills a missing value with (scikit-learn's <c>strategy</c>).</summary>
public enum ImputationStrategy
{
    /// <summary>The mean of the column's present values (numeric columns only).</summary>
    Mean,

    /// <summary>The median of the column's present values (numeric columns only).</summary>
    Median,

    /// <summary>The most frequent present value; the smallest (ordinal for text) among ties. Numeric and categorical columns.</summary>
    MostFrequent,

    /// <summary>A given value: <see cref="SimpleImputer.FillValue"/> for numeric columns, <see cref="SimpleImputer.CategoricalFillValue"/> for categorical ones.</summary>
    Constant,
}

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A kind of column, to select a <see cref="ColumnTransformer"/> group by type (scikit-learn's make_column_selector by dtype).</summary>
public enum ColumnKind
{
    /// <summary>The numeric columns.</summary>
    Numeric,

    /// <summary>The categorical columns.</summary>
    Categorical,
}

namespace MultiTask.Tabular.Preprocessing;

/// <summary>What <see cref="OneHotEncoder"/> does with a category not seen at fit time (scikit-learn's <c>handle_unknown</c>).</summary>
public enum UnknownCategoryHandling
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the column, row and category.</summary>
    Error,

    /// <summary>Encode the row as all zeros in that column's outputs.</summary>
    Ignore,

    /// <summary>Encode it as the column's infrequent category if the column has one, else as all zeros (<c>infrequent_if_exist</c>).</summary>
    InfrequentIfExist,
}

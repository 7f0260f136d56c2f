namespace MultiTask.Tabular.Preprocessing;

/// <summary>What a <see cref="ColumnTransformer"/> does with the columns no group selects (scikit-learn's <c>remainder</c>).</summary>
public enum RemainderPolicy
{
    /// <summary>Leave them out of the output.</summary>
    Drop,

    /// <summary>Append them unchanged after the groups' outputs, in table order.</summary>
    Passthrough,
}

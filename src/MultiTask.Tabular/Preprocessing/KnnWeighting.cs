namespace MultiTask.Tabular.Preprocessing;

/// <summary>How <see cref="KnnImputer"/> averages the neighbours' values (scikit-learn's <c>weights</c>).</summary>
public enum KnnWeighting
{
    /// <summary>The plain mean of the neighbours' values.</summary>
    Uniform,

    /// <summary>Weights 1 / distance; neighbours at distance 0, if any, share all the weight.</summary>
    Distance,
}

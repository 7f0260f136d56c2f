namespace MultiTask.Tabular.FeatureSelection;

/// <summary>The outcome of recursive feature elimination: scikit-learn's <c>support_</c>, <c>ranking_</c> and <c>n_features_</c>, plus the column selection.</summary>
public sealed class RfeResult
{
    internal RfeResult(IReadOnlyList<string> names, bool[] support, int[] ranking)
    {
        FeatureNames = names.ToArray();
        Support = support;
        Ranking = ranking;
        FeatureCount = support.Count(s => s);
        Selection = new FittedColumnSelection(FeatureNames, FeatureNames.Where((_, j) => support[j]), ranking.Select(r => -(double)r).ToArray());
    }

    /// <summary>The input feature names, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Whether each input feature is kept (scikit-learn's <c>support_</c>).</summary>
    public IReadOnlyList<bool> Support { get; }

    /// <summary>Each input feature's rank (scikit-learn's <c>ranking_</c>): 1 for kept features; eliminated features get 2 for the last round they survived, and so on.</summary>
    public IReadOnlyList<int> Ranking { get; }

    /// <summary>The number of features kept (scikit-learn's <c>n_features_</c>).</summary>
    public int FeatureCount { get; }

    /// <summary>The kept columns as a fitted step; its scores are the negated ranks (higher is better).</summary>
    public FittedColumnSelection Selection { get; }
}

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>The outcome of sequential feature selection: scikit-learn's <c>support_</c> and <c>n_features_to_select_</c>, the path taken, and the column selection.</summary>
public sealed class SequentialSelectionResult
{
    internal SequentialSelectionResult(IReadOnlyList<string> names, bool[] support, int[] steps, double[] stepScores)
    {
        FeatureNames = names.ToArray();
        Support = support;
        FeatureCount = support.Count(s => s);
        StepFeatures = steps.Select(j => FeatureNames[j]).ToArray();
        StepScores = stepScores;
        var order = new double[FeatureNames.Count];
        for (int s = 0; s < steps.Length; s++)
        {
            // Forward: earlier additions score higher; backward: earlier removals score lower.
            order[steps[s]] = support[steps[s]] ? steps.Length - s : -(steps.Length - s);
        }

        Selection = new FittedColumnSelection(FeatureNames, FeatureNames.Where((_, j) => support[j]), order);
    }

    /// <summary>The input feature names, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Whether each input feature is kept (scikit-learn's <c>support_</c>).</summary>
    public IReadOnlyList<bool> Support { get; }

    /// <summary>The number of features kept.</summary>
    public int FeatureCount { get; }

    /// <summary>The feature added (forward) or removed (backward) at each step, in order.</summary>
    public IReadOnlyList<string> StepFeatures { get; }

    /// <summary>The mean cross-validated score of the best candidate at each step (combined over tasks when there are several).</summary>
    public IReadOnlyList<double> StepScores { get; }

    /// <summary>
    /// The kept columns as a fitted step. Its scores order the features by the path: forward, a feature added at step s
    /// (of S) scores S − s and unchosen ones 0; backward, a feature removed at step s scores −(S − s) and kept ones 0.
    /// </summary>
    public FittedColumnSelection Selection { get; }
}

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>Permutation importances of a multi-task network: per task, and combined over tasks.</summary>
public sealed class NetworkImportanceResult
{
    internal NetworkImportanceResult(string[] features, string[] tasks, Dictionary<string, double> baseline, Dictionary<string, double[]> importances, Dictionary<string, double[]> deviations, double[] aggregated)
    {
        FeatureNames = features;
        TaskNames = tasks;
        BaselineLosses = baseline;
        Importances = importances;
        StandardDeviations = deviations;
        Aggregated = aggregated;
    }

    /// <summary>The feature names, in input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The model's tasks, in head order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>Each task's loss on the unpermuted data (its training loss, averaged over labelled rows; NaN without labels).</summary>
    public IReadOnlyDictionary<string, double> BaselineLosses { get; }

    /// <summary>Per task, each feature's mean increase of the task's loss over the repeats when the feature's column is shuffled (NaN for a task without labels).</summary>
    public IReadOnlyDictionary<string, double[]> Importances { get; }

    /// <summary>Per task, the population standard deviation over the repeats of each feature's loss increase.</summary>
    public IReadOnlyDictionary<string, double[]> StandardDeviations { get; }

    /// <summary>One importance per feature: the tasks' importances combined by the chosen <see cref="TaskAggregation"/> (tasks without labels left out).</summary>
    public IReadOnlyList<double> Aggregated { get; }

    /// <summary>The <paramref name="count"/> features with the highest combined importance (ties to the earlier feature).</summary>
    /// <param name="count">Range: [1, features].</param>
    /// <returns>A column selection whose scores are the combined importances.</returns>
    public FittedColumnSelection SelectTop(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, FeatureNames.Count);
        var keep = Enumerable.Range(0, FeatureNames.Count).OrderByDescending(j => Aggregated[j]).Take(count).ToHashSet();
        return new FittedColumnSelection(FeatureNames, FeatureNames.Where((_, j) => keep.Contains(j)), Aggregated);
    }

    /// <summary>The features whose combined importance is at least <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The smallest combined importance kept; finite.</param>
    /// <returns>A column selection whose scores are the combined importances.</returns>
    public FittedColumnSelection SelectAbove(double threshold)
    {
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite.");
        }

        return new FittedColumnSelection(FeatureNames, FeatureNames.Where((_, j) => Aggregated[j] >= threshold), Aggregated);
    }
}

namespace MultiTask.Interpretability;

/// <summary>The permutation importance of every feature for one task.</summary>
public sealed class TaskPermutationImportance
{
    private readonly double[][] _importances;
    private readonly double[] _mean;
    private readonly double[] _standardDeviation;

    internal TaskPermutationImportance(TaskSpec task, string metric, double baselineScore, double[][] importances)
    {
        Task = task;
        Metric = metric;
        BaselineScore = baselineScore;
        _importances = importances;
        _mean = importances.Select(r => r.Average()).ToArray();
        _standardDeviation = importances.Select((r, f) => Math.Sqrt(r.Sum(v => (v - _mean[f]) * (v - _mean[f])) / r.Length)).ToArray();
    }

    /// <summary>The task.</summary>
    public TaskSpec Task { get; }

    /// <summary>The name of the metric that scores the task.</summary>
    public string Metric { get; }

    /// <summary>The score on the unpermuted data: the metric's value, negated when lower is better.</summary>
    public double BaselineScore { get; }

    /// <summary>The number of features.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Per feature, the mean importance over the repeats (scikit-learn's <c>importances_mean</c>).</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Per feature, the population standard deviation of the importances over the repeats (<c>importances_std</c>).</summary>
    public IReadOnlyList<double> StandardDeviation => _standardDeviation;

    /// <summary>The importances of one feature, one per repeat (<c>importances[feature]</c>).</summary>
    /// <param name="feature">A feature index in [0, <see cref="FeatureCount"/>).</param>
    public IReadOnlyList<double> Repeats(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _importances[feature];
    }

    /// <summary>The feature indices from the most to the least important (by mean; ties keep index order).</summary>
    public IReadOnlyList<int> Ranking() => Enumerable.Range(0, FeatureCount).OrderByDescending(f => _mean[f]).ToArray();
}

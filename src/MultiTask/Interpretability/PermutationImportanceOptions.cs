using MultiTask.Evaluation;

namespace MultiTask.Interpretability;

/// <summary>Options of <see cref="PermutationImportance.Compute"/>.</summary>
public sealed class PermutationImportanceOptions
{
    private const string Owner = nameof(PermutationImportanceOptions);

    /// <summary>How many times each feature column is permuted (scikit-learn's <c>n_repeats</c>). Range: ≥ 1. Default: 5.</summary>
    public int Repeats { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 5;

    /// <summary>Seeds the permutations; every feature sees the same sequence of row orders, as in scikit-learn. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Rows per forward pass. Range: ≥ 1. Default: 1024.</summary>
    public int BatchSize { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1024;

    /// <summary>
    /// The metric that scores each task, by task name; a task not listed is scored by the first per-task metric of its
    /// <see cref="TaskSpec.EvaluationMetrics"/>. The dictionary is copied when set. Default: none (every task uses its first metric).
    /// </summary>
    public IReadOnlyDictionary<string, IMetric>? Metrics
    {
        get;
        init => field = value is null ? null : new Dictionary<string, IMetric>(value, StringComparer.Ordinal);
    }

    /// <summary>Test hook: the row order of (feature, repeat), a permutation of [0, rows); null draws it from <see cref="Seed"/>.</summary>
    internal Func<int, int, int[]>? Permutations { get; init; }
}

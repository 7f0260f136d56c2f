using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Keeps the k features with the highest scores — scikit-learn's <c>SelectKBest</c> (1.2), extended to several tasks:
/// each task is scored on its labelled rows and the scores are combined (<see cref="FeatureScorer.Aggregation"/>), so
/// one selection serves all tasks. With one task the selection equals scikit-learn's.
/// </summary>
/// <remarks>
/// Ties follow scikit-learn: the features are ordered by a stable ascending sort of the scores and the last k are kept,
/// so among equal scores at the boundary the later columns win. NaN scores rank below every number (scikit-learn's
/// <c>_clean_nans</c>). The fitted <see cref="FittedColumnSelection.Scores"/> are the combined scores, with NaN stored
/// as <see cref="double.MinValue"/> and ±∞ as ±<see cref="double.MaxValue"/> (JSON has no such numbers).
/// </remarks>
public sealed class SelectKBest : ISupervisedTransformEstimator
{
    /// <summary>Creates the selector with one score function for every task.</summary>
    /// <param name="scoreFunction">The score function (its kind must match every task's).</param>
    /// <param name="k">The number of features to keep, 0 to the number of feature columns.</param>
    public SelectKBest(ScoreFunction scoreFunction, int k)
        : this(new FeatureScorer(scoreFunction), k)
    {
    }

    /// <summary>Creates the selector with a configured scorer (functions per task kind, aggregation, mutual-information settings).</summary>
    /// <param name="scorer">Scores the features.</param>
    /// <param name="k">The number of features to keep, 0 to the number of feature columns.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public SelectKBest(FeatureScorer scorer, int k)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Scorer = scorer;
        K = k;
    }

    /// <summary>Scores the features.</summary>
    public FeatureScorer Scorer { get; }

    /// <summary>The number of features kept.</summary>
    public int K { get; }

    /// <summary>The per-task and combined scores this selector would select from.</summary>
    /// <param name="data">Numeric feature columns.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The scores.</returns>
    public MultiTaskFeatureScores ScoreFeatures(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => ScoreFeatures(data, SelectionTarget.From(tasks, targets));

    /// <summary>ScoreFeatures on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal MultiTaskFeatureScores ScoreFeatures(TabularData data, IReadOnlyList<SelectionTarget> targets) => Scorer.Score(data, targets);

    /// <summary>Scores the features and keeps the <see cref="K"/> best.</summary>
    /// <param name="data">Numeric feature columns, complete on each task's labelled rows.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException"><see cref="K"/> exceeds the number of columns, or see <see cref="FeatureScorer.Score(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</exception>
    public FittedColumnSelection Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal FittedColumnSelection Fit(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (K > data.Columns.Count)
        {
            throw new ArgumentException($"k = {K} exceeds the {data.Columns.Count} feature columns; choose k ≤ {data.Columns.Count}.", nameof(data));
        }

        return Select(ScoreFeatures(data, targets));
    }

    /// <summary>Keeps the <see cref="K"/> best features by precomputed scores (e.g. from <see cref="ScoreFeatures(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>).</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException"><see cref="K"/> exceeds the number of features.</exception>
    public FittedColumnSelection Select(MultiTaskFeatureScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (K > scores.Features.Count)
        {
            throw new ArgumentException($"k = {K} exceeds the {scores.Features.Count} features; choose k ≤ {scores.Features.Count}.", nameof(scores));
        }

        return SupportMasks.ToSelection(scores.Features, SupportMasks.KBest(scores.Scores, K), scores.Scores);
    }

    /// <inheritdoc/>
    IFittedTransform ISupervisedTransformEstimator.Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, tasks, targets);
}

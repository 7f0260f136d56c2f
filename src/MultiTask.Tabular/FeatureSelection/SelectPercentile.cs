using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Keeps a percentile of the features with the highest scores — scikit-learn's <c>SelectPercentile</c> (1.2),
/// extended to several tasks like <see cref="SelectKBest"/>. With one task the selection equals scikit-learn's.
/// </summary>
/// <remarks>
/// scikit-learn's rule: the threshold is <c>np.percentile(scores, 100 − percentile)</c> (linear interpolation); the
/// features scoring above it are kept, then features scoring exactly the threshold, in column order, until
/// int(n·percentile/100) features are kept. Because the threshold is interpolated, the count can differ from
/// n·percentile/100 (e.g. more features are kept when ties sit above the threshold). 100 keeps every feature and 0
/// none. NaN scores rank below every number.
/// </remarks>
public sealed class SelectPercentile : ISupervisedTransformEstimator
{
    /// <summary>Creates the selector with one score function for every task.</summary>
    /// <param name="scoreFunction">The score function (its kind must match every task's).</param>
    /// <param name="percentile">The percent of features to keep, 0 to 100 (scikit-learn's default is 10).</param>
    public SelectPercentile(ScoreFunction scoreFunction, double percentile)
        : this(new FeatureScorer(scoreFunction), percentile)
    {
    }

    /// <summary>Creates the selector with a configured scorer.</summary>
    /// <param name="scorer">Scores the features.</param>
    /// <param name="percentile">The percent of features to keep, 0 to 100.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is outside [0, 100].</exception>
    public SelectPercentile(FeatureScorer scorer, double percentile)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (!(percentile >= 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile of features to keep is between 0 and 100.");
        }

        Scorer = scorer;
        Percentile = percentile;
    }

    /// <summary>Scores the features.</summary>
    public FeatureScorer Scorer { get; }

    /// <summary>The percent of features kept.</summary>
    public double Percentile { get; }

    /// <summary>The per-task and combined scores this selector would select from.</summary>
    /// <param name="data">Numeric feature columns.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The scores.</returns>
    public MultiTaskFeatureScores ScoreFeatures(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => ScoreFeatures(data, SelectionTarget.From(tasks, targets));

    /// <summary>ScoreFeatures on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal MultiTaskFeatureScores ScoreFeatures(TabularData data, IReadOnlyList<SelectionTarget> targets) => Scorer.Score(data, targets);

    /// <summary>Scores the features and keeps the top <see cref="Percentile"/> percent.</summary>
    /// <param name="data">Numeric feature columns, complete on each task's labelled rows.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">See <see cref="FeatureScorer.Score(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</exception>
    public FittedColumnSelection Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal FittedColumnSelection Fit(TabularData data, IReadOnlyList<SelectionTarget> targets) => Select(ScoreFeatures(data, targets));

    /// <summary>Keeps the top <see cref="Percentile"/> percent of features by precomputed scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The selection.</returns>
    public FittedColumnSelection Select(MultiTaskFeatureScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return SupportMasks.ToSelection(scores.Features, SupportMasks.Percentile(scores.Scores, Percentile), scores.Scores);
    }

    /// <inheritdoc/>
    IFittedTransform ISupervisedTransformEstimator.Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, tasks, targets);
}

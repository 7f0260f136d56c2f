using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Recursive feature elimination (Guyon, Weston, Barnhill &amp; Vapnik 2002, "Gene selection for cancer classification
/// using support vector machines"), as scikit-learn 1.2's <c>sklearn.feature_selection.RFE</c>: fit the estimator on
/// the remaining features, drop the <see cref="Step"/> least important (by <c>np.argsort</c> of the importances,
/// ties in numpy's order), repeat until <see cref="FeatureCount"/> remain. Ranks: 1 for kept features, then by
/// elimination round, last-eliminated first.
/// </summary>
/// <remarks>
/// Multi-task: each round fits the estimator once per target (on that target's labelled rows) and combines the
/// per-task importances with <see cref="Aggregation"/>, so one shared elimination serves all tasks. With a single
/// target the result is exactly scikit-learn's for the same estimator definition (e.g.
/// <c>RFE(LinearRegression(), n_features_to_select=3)</c>).
/// </remarks>
public sealed class Rfe : ISupervisedTransformEstimator
{
    /// <summary>Creates the selector.</summary>
    /// <param name="estimator">The estimator whose importances rank the features, e.g. <see cref="Linear.LinearRegression"/> or <see cref="Linear.LogisticRegression"/>.</param>
    public Rfe(IImportanceEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Estimator = estimator;
    }

    /// <summary>The estimator whose importances rank the features.</summary>
    public IImportanceEstimator Estimator { get; }

    /// <summary>The number of features to keep (scikit-learn's integer <c>n_features_to_select</c>). Range: ≥ 1. Default: null (use <see cref="FeatureFraction"/>, else half the features, rounded down).</summary>
    public int? FeatureCount
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(FeatureCount), value, "FeatureCount must be ≥ 1.");
    }

    /// <summary>The fraction of features to keep, truncated (scikit-learn's float <c>n_features_to_select</c>). Range: (0, 1]. Ignored when <see cref="FeatureCount"/> is set.</summary>
    public double? FeatureFraction
    {
        get;
        init => field = ModelSelectionInput.CheckFraction(value, nameof(FeatureFraction));
    }

    /// <summary>Features removed per round: a whole number ≥ 1, or a fraction in (0, 1) of the initial feature count (at least 1). Default: 1.</summary>
    public double Step
    {
        get;
        init => field = ModelSelectionInput.CheckStep(value, nameof(Step));
    } = 1;

    /// <summary>How per-task importances are combined when there are several targets. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = ModelScoreAggregation.Check(value, nameof(Aggregation));
    }

    /// <summary>Eliminates features and returns the kept columns.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    public IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal IFittedTransform Fit(TabularData data, IReadOnlyList<SelectionTarget> targets) => Rank(data, targets).Selection;

    /// <summary>Eliminates features and returns the ranking and support.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <exception cref="ArgumentException">A column is categorical or has a missing value, a target does not match the table, or there are fewer than 2 features.</exception>
    public RfeResult Rank(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Rank(data, SelectionTarget.From(tasks, targets));

    /// <summary>Rank on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal RfeResult Rank(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        var input = ModelSelectionInput.From(data, targets, minFeatures: 2);
        int features = input.X.Columns;
        int keep = ModelSelectionInput.FeaturesToKeep(FeatureCount, FeatureFraction, features);
        if (keep < 1)
        {
            throw new ArgumentException($"FeatureFraction {FeatureFraction} of {features} features keeps none; raise it.", nameof(data));
        }

        int step = ModelSelectionInput.StepSize(Step, features);
        var tasks = input.Tasks.Select(t => new RfeEngine.TaskFold(t.X, t.Target, null, null)).ToArray();
        var outcome = RfeEngine.Run(Estimator, tasks, features, keep, step, Aggregation, score: false);
        return new RfeResult(input.Names, outcome.Support, outcome.Ranking);
    }
}

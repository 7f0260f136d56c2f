using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Recursive feature elimination with the feature count chosen by cross-validation (Guyon et al. 2002), as
/// scikit-learn 1.2's <c>sklearn.feature_selection.RFECV</c>: in each fold, RFE runs down to
/// <see cref="MinFeaturesToSelect"/> and scores the estimator fitted at every round on the held-out rows (R² for
/// regressors, accuracy for classifiers); the count with the best summed score wins, ties going to the fewest features
/// (scikit-learn takes <c>np.argmax</c> of the reversed sums); a final RFE on all rows keeps that many.
/// </summary>
/// <remarks>
/// Folds are scikit-learn's unshuffled <c>KFold</c>, or <c>StratifiedKFold</c> when the estimator is a classifier and
/// the target holds class labels (<c>check_cv</c>). Multi-task: every target gets its own folds over its labelled rows;
/// fold k pairs the tasks' k-th splits, each elimination round combines the tasks' importances with
/// <see cref="Aggregation"/>, and the feature count maximises the per-task summed scores combined the same way.
/// With a single target the result is exactly scikit-learn's.
/// </remarks>
public sealed class Rfecv : ISupervisedTransformEstimator
{
    /// <summary>Creates the selector.</summary>
    /// <param name="estimator">The estimator whose importances rank the features and whose score is cross-validated.</param>
    public Rfecv(IImportanceEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Estimator = estimator;
    }

    /// <summary>The estimator whose importances rank the features and whose score is cross-validated.</summary>
    public IImportanceEstimator Estimator { get; }

    /// <summary>Features removed per round: a whole number ≥ 1, or a fraction in (0, 1) of the initial feature count (at least 1). Default: 1.</summary>
    public double Step
    {
        get;
        init => field = ModelSelectionInput.CheckStep(value, nameof(Step));
    } = 1;

    /// <summary>The fewest features considered (scikit-learn's <c>min_features_to_select</c>). Range: ≥ 1. Default: 1.</summary>
    public int MinFeaturesToSelect
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinFeaturesToSelect), value, "MinFeaturesToSelect must be ≥ 1.");
    } = 1;

    /// <summary>The number of cross-validation folds (scikit-learn's integer <c>cv</c>). Range: ≥ 2. Default: 5.</summary>
    public int Folds
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Folds), value, "Folds must be ≥ 2.");
    } = 5;

    /// <summary>How per-task importances and scores are combined when there are several targets. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = ModelScoreAggregation.Check(value, nameof(Aggregation));
    }

    /// <summary>Chooses the feature count by cross-validation and returns the kept columns.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    public IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal IFittedTransform Fit(TabularData data, IReadOnlyList<SelectionTarget> targets) => Run(data, targets).Selection;

    /// <summary>Chooses the feature count by cross-validation and returns the scores, ranking and support.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <exception cref="ArgumentException">A column is categorical or has a missing value, a target does not match the table, or a task has fewer labelled rows than <see cref="Folds"/>.</exception>
    public RfecvResult Run(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Run(data, SelectionTarget.From(tasks, targets));

    /// <summary>Run on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal RfecvResult Run(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        var input = ModelSelectionInput.From(data, targets, minFeatures: 2);
        int features = input.X.Columns;
        int step = ModelSelectionInput.StepSize(Step, features);
        var splits = input.Tasks.Select(t => SelectionFolds.For(t.Target, Estimator.IsClassifier, Folds, nameof(targets))).ToArray();

        // scores[fold][round][task]
        var scores = new List<double[]>[Folds];
        int[] counts = [];
        for (int f = 0; f < Folds; f++)
        {
            var folds = input.Tasks.Select((t, i) =>
            {
                var (trainX, trainY) = t.Take(splits[i][f].Train);
                var (testX, testY) = t.Take(splits[i][f].Test);
                return new RfeEngine.TaskFold(trainX, trainY, testX, testY);
            }).ToArray();
            var outcome = RfeEngine.Run(Estimator, folds, features, MinFeaturesToSelect, step, Aggregation, score: true);
            scores[f] = outcome.Scores;
            counts = [.. outcome.Counts];
        }

        int rounds = counts.Length;
        int tasks = input.Tasks.Length;

        // scikit-learn: scores_sum = np.sum(scores, axis=0) per task, then argmax over the reversed sums (fewest features on ties).
        var sums = new double[tasks][];
        for (int t = 0; t < tasks; t++)
        {
            sums[t] = new double[rounds];
            for (int f = 0; f < Folds; f++)
            {
                for (int r = 0; r < rounds; r++)
                {
                    sums[t][r] += scores[f][r][t];
                }
            }
        }

        var combined = ModelScoreAggregation.Combine(sums, Aggregation);
        int best = rounds - 1;
        for (int r = rounds - 2; r >= 0; r--)
        {
            if (combined[r] > combined[best])
            {
                best = r;
            }
        }

        int keep = Math.Max(features - (best * step), MinFeaturesToSelect);
        var all = input.Tasks.Select(t => new RfeEngine.TaskFold(t.X, t.Target, null, null)).ToArray();
        var final = RfeEngine.Run(Estimator, all, features, keep, step, Aggregation, score: false);

        // cv_results_ are reported in ascending feature count (scikit-learn reverses the elimination order).
        var ascending = Enumerable.Range(0, rounds).Reverse().ToArray();
        var foldScores = scores.Select(s => ascending.Select(r => s[r].Average()).ToArray()).ToArray();
        var taskMeans = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int t = 0; t < tasks; t++)
        {
            taskMeans[input.Tasks[t].Target.Name] = ascending.Select(r =>
            {
                double sum = 0;
                for (int f = 0; f < Folds; f++)
                {
                    sum += scores[f][r][t];
                }

                return sum / Folds;
            }).ToArray();
        }

        return new RfecvResult(new RfeResult(input.Names, final.Support, final.Ranking), ascending.Select(r => counts[r]).ToArray(), foldScores, taskMeans);
    }
}

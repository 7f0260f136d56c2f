using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Greedy sequential feature selection, as scikit-learn 1.2's <c>sklearn.feature_selection.SequentialFeatureSelector</c>
/// (Ferri, Pudil, Hatef &amp; Kittler 1994, "Comparative study of techniques for large-scale feature selection"):
/// forward, each step adds the feature whose addition gives the best mean cross-validated score; backward, each step
/// removes the feature whose removal does. Ties go to the lowest feature index (Python's <c>max</c> over the
/// candidates in order). Scores are R² for regressors and accuracy for classifiers, on scikit-learn's unshuffled
/// KFold, or StratifiedKFold for a classifier on class labels.
/// </summary>
/// <remarks>
/// Only the estimator's fit and score are used, not its importances. Multi-task: every target gets its own folds over
/// its labelled rows, and each step combines the tasks' mean scores of the candidates with <see cref="Aggregation"/>.
/// With a single target the result is exactly scikit-learn's.
/// </remarks>
public sealed class SequentialFeatureSelector : ISupervisedTransformEstimator
{
    /// <summary>Creates the selector.</summary>
    /// <param name="estimator">The estimator cross-validated on each candidate feature set.</param>
    public SequentialFeatureSelector(IImportanceEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Estimator = estimator;
    }

    /// <summary>The estimator cross-validated on each candidate feature set.</summary>
    public IImportanceEstimator Estimator { get; }

    /// <summary>The number of features to select (scikit-learn's integer <c>n_features_to_select</c>). Range: [1, features − 1]. Default: null (use <see cref="FeatureFraction"/>, else half the features, rounded down).</summary>
    public int? FeatureCount
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(FeatureCount), value, "FeatureCount must be ≥ 1.");
    }

    /// <summary>The fraction of features to select, truncated (scikit-learn's float <c>n_features_to_select</c>). Range: (0, 1]. Ignored when <see cref="FeatureCount"/> is set.</summary>
    public double? FeatureFraction
    {
        get;
        init => field = ModelSelectionInput.CheckFraction(value, nameof(FeatureFraction));
    }

    /// <summary>Forward (add features) or backward (remove features). Default: <see cref="SequentialDirection.Forward"/>.</summary>
    public SequentialDirection Direction
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Direction), value, "Unknown direction.");
    }

    /// <summary>The number of cross-validation folds (scikit-learn's integer <c>cv</c>). Range: ≥ 2. Default: 5.</summary>
    public int Folds
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Folds), value, "Folds must be ≥ 2.");
    } = 5;

    /// <summary>How per-task scores are combined when there are several targets. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = ModelScoreAggregation.Check(value, nameof(Aggregation));
    }

    /// <summary>Selects features and returns the kept columns.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    public IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal IFittedTransform Fit(TabularData data, IReadOnlyList<SelectionTarget> targets) => Run(data, targets).Selection;

    /// <summary>Selects features and returns the path and support.</summary>
    /// <param name="data">Numeric feature columns without missing values; at least 2.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <exception cref="ArgumentException">A column is categorical or has a missing value, a target does not match the table, the feature count is outside [1, features − 1], or a task has fewer labelled rows than <see cref="Folds"/>.</exception>
    public SequentialSelectionResult Run(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Run(data, SelectionTarget.From(tasks, targets));

    /// <summary>Run on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal SequentialSelectionResult Run(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        var input = ModelSelectionInput.From(data, targets, minFeatures: 2);
        int features = input.X.Columns;
        int select = ModelSelectionInput.FeaturesToKeep(FeatureCount, FeatureFraction, features);
        if (FeatureCount is int count && count >= features)
        {
            throw new ArgumentException($"FeatureCount is {count}; with {features} features it must lie in [1, {features - 1}].", nameof(data));
        }

        var folds = input.Tasks.Select(t =>
        {
            var splits = SelectionFolds.For(t.Target, Estimator.IsClassifier, Folds, nameof(targets));
            return splits.Select(s =>
            {
                var (trainX, trainY) = t.Take(s.Train);
                var (testX, testY) = t.Take(s.Test);
                return new RfeEngine.TaskFold(trainX, trainY, testX, testY);
            }).ToArray();
        }).ToArray();

        bool forward = Direction == SequentialDirection.Forward;
        int iterations = forward ? select : features - select;
        var mask = new bool[features];
        var steps = new List<int>();
        var stepScores = new List<double>();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var candidates = Enumerable.Range(0, features).Where(j => !mask[j]).ToArray();
            var perTask = new double[folds.Length][];
            for (int t = 0; t < folds.Length; t++)
            {
                perTask[t] = new double[candidates.Length];
            }

            for (int c = 0; c < candidates.Length; c++)
            {
                var columns = Enumerable.Range(0, features).Where(j => (mask[j] || j == candidates[c]) == forward).ToArray();
                for (int t = 0; t < folds.Length; t++)
                {
                    perTask[t][c] = CrossValidatedScore(folds[t], columns);
                }
            }

            var combined = ModelScoreAggregation.Combine(perTask, Aggregation);
            int best = 0;
            for (int c = 1; c < candidates.Length; c++)
            {
                if (combined[c] > combined[best])
                {
                    best = c;
                }
            }

            mask[candidates[best]] = true;
            steps.Add(candidates[best]);
            stepScores.Add(combined[best]);
        }

        var support = forward ? mask : mask.Select(m => !m).ToArray();
        return new SequentialSelectionResult(input.Names, support, [.. steps], [.. stepScores]);
    }

    /// <summary>scikit-learn's <c>cross_val_score(estimator, X[:, columns], y, cv).mean()</c> for one task.</summary>
    private double CrossValidatedScore(RfeEngine.TaskFold[] folds, int[] columns)
    {
        double sum = 0;
        foreach (var fold in folds)
        {
            var model = EstimatorCalls.Fit(Estimator, fold.TrainX.TakeColumns(columns), fold.TrainTarget);
            sum += EstimatorCalls.Score(model, fold.TestX!.TakeColumns(columns), fold.TestTarget!);
        }

        return sum / folds.Length;
    }
}

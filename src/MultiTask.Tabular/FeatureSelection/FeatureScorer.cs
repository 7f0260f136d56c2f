using MultiTask.Data;
using MultiTask.Tabular;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Scores the feature columns of a table against one or more tasks: each task with the score function for its kind,
/// on its labelled rows only, then the task scores combined by <see cref="Aggregation"/>. Used by
/// <see cref="SelectKBest"/> and <see cref="SelectPercentile"/>; call <see cref="Score(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/> directly to inspect the
/// per-task scores. Each task's scores are scikit-learn's (<c>SelectKBest(score_func).fit(X[labelled], y[labelled]).scores_</c>);
/// the combination across tasks has no scikit-learn equivalent.
/// </summary>
/// <example>
/// <code>
/// var scorer = new FeatureScorer(ScoreFunction.FClassif, ScoreFunction.FRegression) { Aggregation = TaskAggregation.Rank };
/// MultiTaskFeatureScores scores = scorer.Score(table, [churn, spend]);
/// </code>
/// </example>
public sealed class FeatureScorer
{
    /// <summary>Scores every task with one function; each task must be of the kind the function scores.</summary>
    /// <param name="scoreFunction">The score function.</param>
    public FeatureScorer(ScoreFunction scoreFunction)
    {
        bool classification = ScoreComputation.IsClassification(scoreFunction);
        ClassificationFunction = classification ? scoreFunction : null;
        RegressionFunction = classification ? null : scoreFunction;
    }

    /// <summary>Scores classification tasks with one function and regression tasks with another (tasks of mixed kinds).</summary>
    /// <param name="classificationFunction">For classification tasks: <see cref="ScoreFunction.FClassif"/>, <see cref="ScoreFunction.Chi2"/> or <see cref="ScoreFunction.MutualInfoClassification"/>.</param>
    /// <param name="regressionFunction">For regression tasks: <see cref="ScoreFunction.FRegression"/> or <see cref="ScoreFunction.MutualInfoRegression"/>.</param>
    /// <exception cref="ArgumentException">A function does not suit its kind of task.</exception>
    public FeatureScorer(ScoreFunction classificationFunction, ScoreFunction regressionFunction)
    {
        if (!ScoreComputation.IsClassification(classificationFunction))
        {
            throw new ArgumentException($"{classificationFunction} scores regression targets; the first function is for classification tasks (FClassif, Chi2, MutualInfoClassification).", nameof(classificationFunction));
        }

        if (ScoreComputation.IsClassification(regressionFunction))
        {
            throw new ArgumentException($"{regressionFunction} scores class labels; the second function is for regression tasks (FRegression, MutualInfoRegression).", nameof(regressionFunction));
        }

        ClassificationFunction = classificationFunction;
        RegressionFunction = regressionFunction;
    }

    /// <summary>The function for classification tasks, or null when only regression tasks are accepted.</summary>
    public ScoreFunction? ClassificationFunction { get; }

    /// <summary>The function for regression tasks, or null when only classification tasks are accepted.</summary>
    public ScoreFunction? RegressionFunction { get; }

    /// <summary>How per-task scores are combined; with one task every aggregation keeps its order. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = ModelScoreAggregation.Check(value, nameof(Aggregation));
    } = TaskAggregation.Mean;

    /// <summary>k of the mutual-information estimator (scikit-learn's <c>n_neighbors</c>). Range: ≥ 1. Default: 3.</summary>
    public int Neighbors
    {
        get;
        init => field = OptionChecks.AtLeast(value, 1, nameof(Neighbors));
    } = 3;

    /// <summary>Seed of the mutual-information jitter: the same seed gives the same scores. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Scores the features against each task and combines the scores.</summary>
    /// <param name="data">Numeric feature columns, complete on each task's labelled rows.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <returns>Per-task and combined scores.</returns>
    /// <exception cref="ArgumentException">
    /// A column is categorical or missing a value; a target's length differs from the data's; a task's kind does not
    /// suit the score function; a task has too few labelled rows or classes; Chi2 meets a negative value. The message
    /// names the column or task.
    /// </exception>
    public MultiTaskFeatureScores Score(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Score(data, SelectionTarget.From(tasks, targets));

    /// <summary>Score on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal MultiTaskFeatureScores Score(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(targets);
        var x = FeatureMatrix.FromTable(data, "feature scoring");
        ValidateTargets(targets, data.RowCount);
        var scores = new FeatureScores[targets.Count];
        for (int t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            string name = $"task '{target.Name}'";
            var rows = target.LabelledRows();
            if (rows.Length == 0)
            {
                throw new ArgumentException($"Task '{target.Name}' has no labelled rows; it cannot score features.", nameof(targets));
            }

            var xt = x.TakeRows(rows);
            if (target.Labels is { } labels)
            {
                var function = ClassificationFunction ?? throw new ArgumentException(
                    $"Task '{target.Name}' is a classification task ({target.Kind}), but {RegressionFunction} scores a regression target; use FClassif, Chi2 or MutualInfoClassification, or a FeatureScorer with a function per kind.",
                    nameof(targets));
                scores[t] = ScoreComputation.Classification(function, xt, rows.Select(i => labels[i]).ToArray(), name, Neighbors, Seed);
            }
            else
            {
                var values = target.Values!;
                var function = RegressionFunction ?? throw new ArgumentException(
                    $"Task '{target.Name}' is a regression task, but {ClassificationFunction} needs class labels; use FRegression or MutualInfoRegression, or a FeatureScorer with a function per kind.",
                    nameof(targets));
                scores[t] = ScoreComputation.Regression(function, xt, rows.Select(i => values[i]).ToArray(), name, Neighbors, Seed);
            }
        }

        return new MultiTaskFeatureScores(x.Names, targets.Select(t => t.Name).ToArray(), scores, Aggregation);
    }

    internal static void ValidateTargets(IReadOnlyList<SelectionTarget> targets, int rows)
    {
        if (targets.Count == 0)
        {
            throw new ArgumentException("Supervised feature selection needs at least one target.", nameof(targets));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < targets.Count; t++)
        {
            var target = targets[t] ?? throw new ArgumentException($"Target {t} is null.", nameof(targets));
            if (!seen.Add(target.Name))
            {
                throw new ArgumentException($"Task '{target.Name}' appears more than once among the targets.", nameof(targets));
            }

            if (target.RowCount != rows)
            {
                throw new ArgumentException($"Task '{target.Name}' has {target.RowCount} rows; the data has {rows}.", nameof(targets));
            }
        }
    }
}

using MultiTask.Tabular.FeatureSelection.Linear;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Recursive feature elimination shared by <see cref="Rfe"/> and <see cref="Rfecv"/>, following scikit-learn 1.2's
/// <c>RFE._fit</c> (sklearn/feature_selection/_rfe.py): while more than the target count remain, fit the estimator on
/// the remaining features (once per task), combine the tasks' importances, <c>np.argsort</c> them and drop the
/// lowest min(step, remaining − target); every dropped feature's rank grows by one each round.
/// </summary>
internal static class RfeEngine
{
    /// <summary>One task's training rows and, for scoring, its held-out rows.</summary>
    internal sealed record TaskFold(ColumnMatrix TrainX, SelectionTarget TrainTarget, ColumnMatrix? TestX, SelectionTarget? TestTarget);

    /// <summary>The support and ranking, and when scoring, each round's per-task scores with the feature count scored.</summary>
    internal sealed record Outcome(bool[] Support, int[] Ranking, List<double[]> Scores, List<int> Counts);

    internal static Outcome Run(IImportanceEstimator estimator, IReadOnlyList<TaskFold> tasks, int features, int keep, int step, TaskAggregation aggregation, bool score)
    {
        var support = Enumerable.Repeat(true, features).ToArray();
        var ranking = Enumerable.Repeat(1, features).ToArray();
        var scores = new List<double[]>();
        var counts = new List<int>();
        int remaining = features;
        while (remaining > keep)
        {
            var current = Enumerable.Range(0, features).Where(j => support[j]).ToArray();
            var models = Fit(estimator, tasks, current);
            var importances = models.Select(m => EstimatorCalls.Importances(m, current.Length, estimator)).ToArray();
            var ranks = NumpyArgsort.ArgSort(ModelScoreAggregation.Combine(importances, aggregation));
            int threshold = Math.Min(step, remaining - keep);
            if (score)
            {
                scores.Add(Score(models, tasks, current));
                counts.Add(current.Length);
            }

            for (int r = 0; r < threshold; r++)
            {
                support[current[ranks[r]]] = false;
            }

            remaining -= threshold;
            for (int j = 0; j < features; j++)
            {
                if (!support[j])
                {
                    ranking[j]++;
                }
            }
        }

        if (score)
        {
            var final = Enumerable.Range(0, features).Where(j => support[j]).ToArray();
            scores.Add(Score(Fit(estimator, tasks, final), tasks, final));
            counts.Add(final.Length);
        }

        return new Outcome(support, ranking, scores, counts);
    }

    private static IImportanceModel[] Fit(IImportanceEstimator estimator, IReadOnlyList<TaskFold> tasks, int[] columns)
        => tasks.Select(t => EstimatorCalls.Fit(estimator, Columns(t.TrainX, columns), t.TrainTarget)).ToArray();

    private static double[] Score(IImportanceModel[] models, IReadOnlyList<TaskFold> tasks, int[] columns)
        => tasks.Select((t, i) => EstimatorCalls.Score(models[i], Columns(t.TestX!, columns), t.TestTarget!)).ToArray();

    private static ColumnMatrix Columns(ColumnMatrix x, int[] columns)
        => columns.Length == x.Columns && columns.Select((c, i) => c == i).All(b => b) ? x : x.TakeColumns(columns);
}

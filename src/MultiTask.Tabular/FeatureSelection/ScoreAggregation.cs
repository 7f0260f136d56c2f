namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Combines per-task feature scores into one score per feature (<see cref="TaskAggregation"/>), so that one
/// selection serves all tasks. Higher combined scores are better. There is no scikit-learn equivalent.
/// </summary>
/// <remarks>
/// A NaN task score (undefined, e.g. a constant feature under the F-test) is "no evidence": <see cref="TaskAggregation.Mean"/>
/// gives NaN for that feature; <see cref="TaskAggregation.Max"/> takes the largest defined score (NaN only if every task's
/// is NaN); <see cref="TaskAggregation.Rank"/> ranks NaN below every number, NaN scores tying with each other.
/// Selectors rank a NaN combined score below every number.
/// </remarks>
public static class ScoreAggregation
{
    /// <summary>Combines per-task scores.</summary>
    /// <param name="taskScores">One list of scores per task, all of the same length (one score per feature, higher is better).</param>
    /// <param name="aggregation">
    /// <see cref="TaskAggregation.Mean"/>: the mean score; <see cref="TaskAggregation.Max"/>: the largest;
    /// <see cref="TaskAggregation.Rank"/>: minus the mean over tasks of the feature's rank within the task (1 = best
    /// score; tied scores share the average of their ranks, as <c>scipy.stats.rankdata(method="average")</c>).
    /// </param>
    /// <returns>One combined score per feature.</returns>
    /// <exception cref="ArgumentException">No task is given or the lengths differ.</exception>
    public static double[] Combine(IReadOnlyList<IReadOnlyList<double>> taskScores, TaskAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(taskScores);
        if (taskScores.Count == 0)
        {
            throw new ArgumentException("Combining scores needs at least one task.", nameof(taskScores));
        }

        int features = taskScores[0]?.Count ?? throw new ArgumentException("Task 0's scores are null.", nameof(taskScores));
        for (int t = 1; t < taskScores.Count; t++)
        {
            if (taskScores[t] is null || taskScores[t].Count != features)
            {
                throw new ArgumentException($"Task {t} has {taskScores[t]?.Count.ToString() ?? "no"} scores; task 0 has {features}.", nameof(taskScores));
            }
        }

        var combined = new double[features];
        switch (aggregation)
        {
            case TaskAggregation.Mean:
                foreach (var scores in taskScores)
                {
                    for (int j = 0; j < features; j++)
                    {
                        combined[j] += scores[j];
                    }
                }

                for (int j = 0; j < features; j++)
                {
                    combined[j] /= taskScores.Count;
                }

                break;

            case TaskAggregation.Max:
                Array.Fill(combined, double.NaN);
                foreach (var scores in taskScores)
                {
                    for (int j = 0; j < features; j++)
                    {
                        if (!double.IsNaN(scores[j]) && (double.IsNaN(combined[j]) || scores[j] > combined[j]))
                        {
                            combined[j] = scores[j];
                        }
                    }
                }

                break;

            case TaskAggregation.Rank:
                foreach (var scores in taskScores)
                {
                    var ranks = DescendingRanks(scores);
                    for (int j = 0; j < features; j++)
                    {
                        combined[j] -= ranks[j];
                    }
                }

                for (int j = 0; j < features; j++)
                {
                    combined[j] /= taskScores.Count;
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown task aggregation.");
        }

        return combined;
    }

    /// <summary>Ranks 1..n from the highest score down, NaN last, ties averaged.</summary>
    internal static double[] DescendingRanks(IReadOnlyList<double> scores)
    {
        int n = scores.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => Compare(scores[a], scores[b]));
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && Compare(scores[order[start]], scores[order[end]]) == 0)
            {
                end++;
            }

            double rank = ((start + 1) + end) / 2.0;
            for (int t = start; t < end; t++)
            {
                ranks[order[t]] = rank;
            }

            start = end;
        }

        return ranks;

        // Descending, NaN after every number, equal NaNs tie.
        static int Compare(double a, double b)
        {
            bool nanA = double.IsNaN(a);
            bool nanB = double.IsNaN(b);
            if (nanA || nanB)
            {
                return nanA == nanB ? 0 : (nanA ? 1 : -1);
            }

            return a == b ? 0 : (a > b ? -1 : 1);
        }
    }
}

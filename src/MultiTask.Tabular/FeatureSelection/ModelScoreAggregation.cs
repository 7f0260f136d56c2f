namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Combines per-task scores of the same candidates (features, feature counts) into one score per candidate with a
/// <see cref="TaskAggregation"/>. With a single task the scores pass through unchanged, so single-task results are
/// exactly scikit-learn's.
/// </summary>
internal static class ModelScoreAggregation
{
    /// <summary>One score per candidate; <paramref name="perTask"/>[t][c] is task t's score of candidate c (higher is better).</summary>
    internal static double[] Combine(IReadOnlyList<double[]> perTask, TaskAggregation aggregation)
    {
        if (perTask.Count == 1)
        {
            return (double[])perTask[0].Clone();
        }

        int candidates = perTask[0].Length;
        var combined = new double[candidates];
        switch (aggregation)
        {
            case TaskAggregation.Mean:
                for (int c = 0; c < candidates; c++)
                {
                    double sum = 0;
                    foreach (var scores in perTask)
                    {
                        sum += scores[c];
                    }

                    combined[c] = sum / perTask.Count;
                }

                break;
            case TaskAggregation.Max:
                for (int c = 0; c < candidates; c++)
                {
                    double max = double.NegativeInfinity;
                    foreach (var scores in perTask)
                    {
                        max = Math.Max(max, scores[c]);
                    }

                    combined[c] = max;
                }

                break;
            case TaskAggregation.Rank:
                foreach (var scores in perTask)
                {
                    var ranks = DescendingRanks(scores);
                    for (int c = 0; c < candidates; c++)
                    {
                        combined[c] -= ranks[c] / perTask.Count;
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown task aggregation.");
        }

        return combined;
    }

    /// <summary>Ranks with 1 for the highest score; tied scores share their average rank (NaN ranks last).</summary>
    internal static double[] DescendingRanks(double[] scores)
    {
        int n = scores.Length;
        var order = Enumerable.Range(0, n)
            .OrderByDescending(i => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i])
            .ThenBy(i => double.IsNaN(scores[i]) ? 1 : 0)
            .ToArray();
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && (scores[order[end]] == scores[order[start]] || (double.IsNaN(scores[order[end]]) && double.IsNaN(scores[order[start]]))))
            {
                end++;
            }

            double average = ((start + 1) + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                ranks[order[k]] = average;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>Checks an aggregation value, naming the parameter.</summary>
    internal static TaskAggregation Check(TaskAggregation aggregation, string paramName)
        => Enum.IsDefined(aggregation) ? aggregation : throw new ArgumentOutOfRangeException(paramName, aggregation, "Unknown task aggregation.");
}

namespace MultiTask.Evaluation;

/// <summary>Per-label counts over the sorted union of true and predicted labels (scikit-learn's <c>unique_labels</c>).</summary>
internal sealed class LabelCounts
{
    private LabelCounts(int[] labels)
    {
        Labels = labels;
        TruePositives = new long[labels.Length];
        TrueCounts = new long[labels.Length];
        PredictedCounts = new long[labels.Length];
    }

    internal int[] Labels { get; }

    internal long[] TruePositives { get; }

    internal long[] TrueCounts { get; }

    internal long[] PredictedCounts { get; }

    internal static LabelCounts Of(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        var set = new SortedSet<int>();
        foreach (int a in actual)
        {
            set.Add(a);
        }

        foreach (int p in predicted)
        {
            set.Add(p);
        }

        var counts = new LabelCounts([.. set]);
        var index = new Dictionary<int, int>();
        for (int k = 0; k < counts.Labels.Length; k++)
        {
            index[counts.Labels[k]] = k;
        }

        for (int i = 0; i < actual.Length; i++)
        {
            int a = index[actual[i]], p = index[predicted[i]];
            counts.TrueCounts[a]++;
            counts.PredictedCounts[p]++;
            if (a == p)
            {
                counts.TruePositives[a]++;
            }
        }

        return counts;
    }
}

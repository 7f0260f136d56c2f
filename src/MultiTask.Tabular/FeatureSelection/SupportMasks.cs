namespace MultiTask.Tabular.FeatureSelection;

/// <summary>scikit-learn 1.2's <c>_get_support_mask</c> of SelectKBest and SelectPercentile, tie-breaking included.</summary>
internal static class SupportMasks
{
    /// <summary>scikit-learn's <c>_clean_nans</c>: NaN becomes the lowest double, below every score.</summary>
    public static double[] CleanNans(IReadOnlyList<double> scores)
    {
        var clean = scores.ToArray();
        for (int j = 0; j < clean.Length; j++)
        {
            if (double.IsNaN(clean[j]))
            {
                clean[j] = double.MinValue;
            }
        }

        return clean;
    }

    /// <summary>
    /// The k highest scores: <c>mask[np.argsort(scores, kind="mergesort")[-k:]] = True</c>. The sort is stable, so
    /// among tied scores at the boundary the later columns are kept.
    /// </summary>
    public static bool[] KBest(IReadOnlyList<double> scores, int k)
    {
        var clean = CleanNans(scores);
        int n = clean.Length;
        var mask = new bool[n];
        if (k <= 0)
        {
            return mask;
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => clean[a] < clean[b] ? -1 : clean[a] > clean[b] ? 1 : a.CompareTo(b));
        for (int t = Math.Max(0, n - k); t < n; t++)
        {
            mask[order[t]] = true;
        }

        return mask;
    }

    /// <summary>
    /// The scores above the (100 − p)-th percentile (NumPy's linear interpolation), plus the first tied columns up to
    /// int(n·p/100) features — scikit-learn's rule, including Python's slice semantics when more features already
    /// exceed the threshold.
    /// </summary>
    public static bool[] Percentile(IReadOnlyList<double> scores, double percentile)
    {
        int n = scores.Count;
        var mask = new bool[n];
        if (percentile == 100)
        {
            Array.Fill(mask, true);
            return mask;
        }

        if (percentile == 0 || n == 0)
        {
            return mask;
        }

        var clean = CleanNans(scores);
        double threshold = NumpyPercentile(clean, 100 - percentile);
        int above = 0;
        var ties = new List<int>();
        for (int j = 0; j < n; j++)
        {
            if (clean[j] > threshold)
            {
                mask[j] = true;
                above++;
            }
            else if (clean[j] == threshold)
            {
                ties.Add(j);
            }
        }

        if (ties.Count > 0)
        {
            int maxFeatures = (int)(n * percentile / 100);

            // ties[:stop] in Python: a negative stop counts from the end.
            int stop = maxFeatures - above;
            if (stop < 0)
            {
                stop = Math.Max(0, ties.Count + stop);
            }

            for (int t = 0; t < Math.Min(stop, ties.Count); t++)
            {
                mask[ties[t]] = true;
            }
        }

        return mask;
    }

    /// <summary><c>np.percentile(values, q)</c> with the default linear method, reproducing NumPy 1.24's arithmetic.</summary>
    public static double NumpyPercentile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        double virtualIndex = (n - 1) * (q / 100);
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        if (virtualIndex < 0)
        {
            return sorted[0];
        }

        double previousIndex = Math.Floor(virtualIndex);
        double a = sorted[(int)previousIndex];
        double b = sorted[(int)previousIndex + 1];
        double gamma = virtualIndex - previousIndex;

        // NumPy's _lerp: a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5.
        double diff = b - a;
        return gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
    }

    /// <summary>Scores as stored on a <see cref="FittedColumnSelection"/>: JSON has no NaN or infinities, so NaN and −∞ become the lowest double and +∞ the highest.</summary>
    public static double[] JsonSafe(IReadOnlyList<double> scores)
    {
        var safe = scores.ToArray();
        for (int j = 0; j < safe.Length; j++)
        {
            if (double.IsNaN(safe[j]) || double.IsNegativeInfinity(safe[j]))
            {
                safe[j] = double.MinValue;
            }
            else if (double.IsPositiveInfinity(safe[j]))
            {
                safe[j] = double.MaxValue;
            }
        }

        return safe;
    }

    /// <summary>The selection of the masked columns.</summary>
    public static FittedColumnSelection ToSelection(IReadOnlyList<string> features, bool[] mask, IReadOnlyList<double>? scores)
        => new(features, features.Where((_, j) => mask[j]), scores is null ? null : JsonSafe(scores));
}

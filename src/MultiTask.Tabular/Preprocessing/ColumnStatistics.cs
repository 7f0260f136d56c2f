namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Per-column statistics as scikit-learn 1.2 / numpy 1.24 compute them, ignoring NaN (missing) values. One place for
/// every step that learns from a column, so the definitions cannot drift apart.
/// </summary>
internal static class ColumnStatistics
{
    /// <summary>numpy's float64 machine epsilon (2⁻⁵²), not .NET's <see cref="double.Epsilon"/>.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The mean of the present values; NaN when none is present.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        int count = 0;
        double sum = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The count, mean and population variance of the present values (scikit-learn's corrected two-pass algorithm).</summary>
    public static (int Count, double Mean, double Variance) MeanVariance(ReadOnlySpan<double> values)
    {
        int count = 0;
        double sum = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        if (count == 0)
        {
            return (0, double.NaN, double.NaN);
        }

        double mean = sum / count, correction = 0, squares = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                double d = v - mean;
                correction += d;
                squares += d * d;
            }
        }

        return (count, mean, (squares - (correction * correction / count)) / count);
    }

    /// <summary>The smallest and largest present values and their count; NaN bounds when none is present.</summary>
    public static (int Count, double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        int count = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                count++;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return count == 0 ? (0, double.NaN, double.NaN) : (count, min, max);
    }

    /// <summary>Copies the present values into <paramref name="buffer"/> and returns that prefix (in input order).</summary>
    public static Span<double> Present(ReadOnlySpan<double> values, double[] buffer)
    {
        int count = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                buffer[count++] = v;
            }
        }

        return buffer.AsSpan(0, count);
    }

    /// <summary>Copies the present values into <paramref name="buffer"/>, sorts them and returns that sorted prefix.</summary>
    public static Span<double> SortedPresent(ReadOnlySpan<double> values, double[] buffer)
    {
        var present = Present(values, buffer);
        present.Sort();
        return present;
    }

    /// <summary>
    /// numpy's default ("linear") percentile of the values, <paramref name="q"/> in [0, 100]. The values are reordered
    /// (selection, not a full sort: linear time).
    /// </summary>
    public static double Percentile(Span<double> values, double q)
    {
        double index = (q / 100.0) * (values.Length - 1);
        int below = (int)Math.Floor(index);
        double t = index - below, a = Select(values, below), b = below + 1 < values.Length ? Min(values[(below + 1)..]) : a;
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }

    /// <summary>The median (the mean of the two middle values for an even count), as numpy; the values are reordered.</summary>
    public static double Median(Span<double> values)
    {
        int half = values.Length / 2;
        if (values.Length % 2 == 1)
        {
            return Select(values, half);
        }

        double low = Select(values, half - 1);
        return (low + Min(values[half..])) / 2;
    }

    /// <summary>
    /// The k-th smallest value (0-based), reordering the span so that no value before k is larger and none after k is
    /// smaller (quickselect with median-of-three pivots and Hoare partitioning, which keeps duplicates balanced).
    /// </summary>
    public static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (hi > lo)
        {
            int mid = lo + ((hi - lo) / 2);
            Order(values, lo, mid);
            Order(values, lo, hi);
            Order(values, mid, hi);
            double pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }

    /// <summary>The most frequent of sorted values; the smallest among ties (scipy.stats.mode).</summary>
    public static double MostFrequent(ReadOnlySpan<double> sorted)
    {
        double best = double.NaN;
        int bestCount = 0;
        for (int i = 0; i < sorted.Length;)
        {
            int j = i + 1;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                j++;
            }

            if (j - i > bestCount)
            {
                (best, bestCount) = (sorted[i], j - i);
            }

            i = j;
        }

        return best;
    }

    /// <summary>The most frequent present category; the ordinal-smallest among ties (as scikit-learn); null when none is present.</summary>
    public static string? MostFrequent(ReadOnlySpan<string?> values)
    {
        var (categories, counts, _) = CategoryCounts(values);
        int best = -1;
        for (int c = 0; c < counts.Length; c++)
        {
            // Categories are sorted, so the first of the largest counts is the smallest category among ties.
            best = best < 0 || counts[c] > counts[best] ? c : best;
        }

        return best < 0 ? null : categories[best];
    }

    /// <summary>The categories present, sorted ordinally, with their counts; and the number of missing values.</summary>
    public static (string[] Categories, int[] Counts, int Missing) CategoryCounts(ReadOnlySpan<string?> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int missing = 0;
        foreach (var v in values)
        {
            if (v is null)
            {
                missing++;
            }
            else
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var categories = counts.Keys.ToArray();
        Array.Sort(categories, StringComparer.Ordinal);
        return (categories, Array.ConvertAll(categories, c => counts[c]), missing);
    }

    private static void Order(Span<double> values, int a, int b)
    {
        if (values[b] < values[a])
        {
            (values[a], values[b]) = (values[b], values[a]);
        }
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        double min = values[0];
        foreach (double v in values)
        {
            min = v < min ? v : min;
        }

        return min;
    }

    /// <summary>scikit-learn's _is_constant_feature: the variance is within the rounding error of the two-pass algorithm.</summary>
    public static bool IsConstant(double variance, double mean, int count)
    {
        double drift = count * mean * MachineEpsilon;
        return variance <= (count * MachineEpsilon * variance) + (drift * drift);
    }

    /// <summary>scikit-learn's _handle_zeros_in_scale: a scale below 10 machine epsilons becomes 1.</summary>
    public static double NonZeroScale(double scale) => scale < 10 * MachineEpsilon ? 1.0 : scale;
}

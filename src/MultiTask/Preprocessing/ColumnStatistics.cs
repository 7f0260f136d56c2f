namespace MultiTask.Preprocessing;

/// <summary>
/// Per-column statistics as scikit-learn 1.2 / numpy 1.24 compute them, ignoring NaN (missing) values. One place for
/// every step that learns from a column, so the definitions cannot drift apart.
/// </summary>
internal static class ColumnStatistics
{
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

    /// <summary>Copies the present values into <paramref name="buffer"/>, sorts them and returns that sorted prefix.</summary>
    public static Span<double> SortedPresent(ReadOnlySpan<double> values, double[] buffer)
    {
        int count = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                buffer[count++] = v;
            }
        }

        var sorted = buffer.AsSpan(0, count);
        sorted.Sort();
        return sorted;
    }

    /// <summary>numpy's default ("linear") percentile of sorted values; <paramref name="q"/> in [0, 100].</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        double index = (q / 100.0) * (sorted.Length - 1);
        int below = (int)Math.Floor(index);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double t = index - below, a = sorted[below], b = sorted[above], diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }

    /// <summary>The median of sorted values (the mean of the two middle values for an even count), as numpy.</summary>
    public static double Median(ReadOnlySpan<double> sorted)
    {
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
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
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (v is not null)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        string? best = null;
        int bestCount = 0;
        foreach (var (value, count) in counts)
        {
            if (count > bestCount || (count == bestCount && string.CompareOrdinal(value, best) < 0))
            {
                (best, bestCount) = (value, count);
            }
        }

        return best;
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

    /// <summary>scikit-learn's _is_constant_feature: the variance is within the rounding error of the two-pass algorithm.</summary>
    public static bool IsConstant(double variance, double mean, int count)
    {
        double drift = count * mean * MachineEpsilon;
        return variance <= (count * MachineEpsilon * variance) + (drift * drift);
    }

    /// <summary>scikit-learn's _handle_zeros_in_scale: a scale below 10 machine epsilons becomes 1.</summary>
    public static double NonZeroScale(double scale) => scale < 10 * MachineEpsilon ? 1.0 : scale;

    /// <summary>numpy's float64 machine epsilon (2⁻⁵²), not .NET's <see cref="double.Epsilon"/>.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}

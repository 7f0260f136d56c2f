using MathNet.Numerics;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// scikit-learn 1.2's k-nearest-neighbour mutual-information estimators (<c>_estimate_mi</c> with continuous features):
/// each feature is scaled to unit population variance, then jittered by 1e-10·max(1, mean|x|)·N(0, 1) (a regression
/// target likewise). Feature–continuous target: Kraskov, Stögbauer and Grassberger (2004), estimator 1, with the
/// Chebyshev norm (Phys. Rev. E 69, 066138); feature–class: Ross (2014, PLoS ONE 9(2), e87357). Negative
/// estimates are clipped to 0.
/// </summary>
internal static class MutualInformation
{
    /// <summary>NumPy's <c>finfo(float64).eps</c> (2⁻⁵²), the unit of scikit-learn's zero-variance test.</summary>
    private const double NumpyEpsilon = 2.220446049250313e-16;

    /// <summary>Per-feature MI with a continuous target (Kraskov et al.).</summary>
    public static double[] Regression(FeatureMatrix x, double[] target, int neighbors, int seed)
    {
        int n = x.RowCount;
        var y = new double[n];
        var targetNoise = GaussianNoise.ForStream(seed, -1);
        ScaleAndJitter(target, y, ref targetNoise);
        var ySorted = (double[])y.Clone();
        Array.Sort(ySorted);
        var digamma = DigammaTable(n);
        double constant = SpecialFunctions.DiGamma(n) + SpecialFunctions.DiGamma(neighbors);
        var mi = new double[x.ColumnCount];
        Parallel.For(
            0,
            x.ColumnCount,
            () => new Workspace(n),
            (j, _, w) =>
            {
                var noise = GaussianNoise.ForStream(seed, j);
                ScaleAndJitter(x.Columns[j], w.Values, ref noise);
                w.Knn.KthNeighbourDistances(w.Values, y, neighbors, w.Radius);
                Array.Copy(w.Values, w.Sorted, n);
                Array.Sort(w.Sorted);
                double sumX = 0;
                double sumY = 0;
                for (int i = 0; i < n; i++)
                {
                    double r = NextDown(w.Radius[i]);
                    sumX += digamma[CountWithin(w.Sorted, w.Values[i], r)];
                    sumY += digamma[CountWithin(ySorted, y[i], r)];
                }

                mi[j] = Math.Max(0.0, constant - (sumX / n) - (sumY / n));
                return w;
            },
            _ => { });
        return mi;
    }

    /// <summary>Per-feature MI with class labels (Ross); classes with a single row are left out, as in scikit-learn.</summary>
    public static double[] Classification(FeatureMatrix x, ClassEncoding labels, int neighbors, int seed)
    {
        int n = x.RowCount;
        int classes = labels.ClassCount;
        var counts = labels.Counts;
        var codes = labels.Codes;
        var offsets = new int[classes + 1];
        int kept = 0;
        double sumK = 0;
        double sumLabel = 0;
        for (int c = 0; c < classes; c++)
        {
            offsets[c + 1] = offsets[c] + (counts[c] > 1 ? counts[c] : 0);
            if (counts[c] > 1)
            {
                kept += counts[c];
                sumK += counts[c] * SpecialFunctions.DiGamma(Math.Min(neighbors, counts[c] - 1));
                sumLabel += counts[c] * SpecialFunctions.DiGamma(counts[c]);
            }
        }

        var digamma = DigammaTable(kept);
        double constant = SpecialFunctions.DiGamma(kept) + (sumK / kept) - (sumLabel / kept);
        var mi = new double[x.ColumnCount];
        Parallel.For(
            0,
            x.ColumnCount,
            () => new Workspace(n),
            (j, _, w) =>
            {
                var noise = GaussianNoise.ForStream(seed, j);
                ScaleAndJitter(x.Columns[j], w.Values, ref noise);

                // Sort the rows of the kept classes by value once, then split them by class (stably), so every
                // class's values are sorted too.
                int m = 0;
                for (int i = 0; i < n; i++)
                {
                    if (counts[codes[i]] > 1)
                    {
                        w.Sorted[m] = w.Values[i];
                        w.Rows[m] = i;
                        m++;
                    }
                }

                Array.Sort(w.Sorted, w.Rows, 0, m);
                Array.Copy(offsets, w.Cursor, classes);
                for (int t = 0; t < m; t++)
                {
                    int row = w.Rows[t];
                    int slot = w.Cursor[codes[row]]++;
                    w.ClassValues[slot] = w.Sorted[t];
                    w.ClassRows[slot] = row;
                }

                for (int c = 0; c < classes; c++)
                {
                    if (counts[c] > 1)
                    {
                        KthNeighbourDistances1D(w.ClassValues, w.ClassRows, offsets[c], offsets[c + 1], Math.Min(neighbors, counts[c] - 1), w.Radius);
                    }
                }

                double sumM = 0;
                for (int i = 0; i < n; i++)
                {
                    if (counts[codes[i]] > 1)
                    {
                        sumM += digamma[CountWithin(w.Sorted.AsSpan(0, m), w.Values[i], NextDown(w.Radius[i]))];
                    }
                }

                mi[j] = Math.Max(0.0, constant - (sumM / kept));
                return w;
            },
            _ => { });
        return mi;
    }

    /// <summary>
    /// scikit-learn's preparation of a continuous variable: divide by the population standard deviation (1 when it is
    /// below 10ε), then add 1e-10·max(1, mean|x|)·N(0, 1) noise.
    /// </summary>
    internal static void ScaleAndJitter(ReadOnlySpan<double> source, Span<double> target, ref GaussianNoise noise)
    {
        int n = source.Length;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += source[i];
        }

        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double d = source[i] - mean;
            ss += d * d;
        }

        double std = Math.Sqrt(ss / n);
        double scale = std < 10 * NumpyEpsilon ? 1.0 : std;
        double meanAbs = 0;
        for (int i = 0; i < n; i++)
        {
            double v = source[i] / scale;
            target[i] = v;
            meanAbs += Math.Abs(v);
        }

        double amplitude = 1e-10 * Math.Max(1.0, meanAbs / n);
        for (int i = 0; i < n; i++)
        {
            target[i] += amplitude * noise.Next();
        }
    }

    /// <summary>
    /// For the sorted values [start, end) of one class, the distance of each to its k-th nearest other value in the
    /// class, written to <paramref name="result"/> at the value's row.
    /// </summary>
    private static void KthNeighbourDistances1D(double[] values, int[] rows, int start, int end, int k, double[] result)
    {
        for (int p = start; p < end; p++)
        {
            double v = values[p];
            int l = p - 1;
            int r = p + 1;
            double d = 0;
            for (int t = 0; t < k; t++)
            {
                double dl = l >= start ? v - values[l] : double.PositiveInfinity;
                double dr = r < end ? values[r] - v : double.PositiveInfinity;
                if (dl <= dr)
                {
                    d = dl;
                    l--;
                }
                else
                {
                    d = dr;
                    r++;
                }
            }

            result[rows[p]] = d;
        }
    }

    /// <summary>The number of sorted values s with |s − v| ≤ r (v itself included when present).</summary>
    internal static int CountWithin(ReadOnlySpan<double> sorted, double v, double r)
    {
        // First index with v − s ≤ r (the predicate only turns true as s grows).
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (v - sorted[mid] <= r)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        int first = lo;

        // First index with s − v > r.
        hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] - v > r)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo - first;
    }

    /// <summary>NumPy's <c>nextafter(r, 0)</c>: the largest double below a positive r; 0 stays 0.</summary>
    private static double NextDown(double r) => r > 0 ? Math.BitDecrement(r) : r;

    /// <summary>ψ(m) for m = 0..n (index 0 unused).</summary>
    private static double[] DigammaTable(int n)
    {
        var table = new double[n + 1];
        table[0] = double.NaN;
        for (int m = 1; m <= n; m++)
        {
            table[m] = SpecialFunctions.DiGamma(m);
        }

        return table;
    }

    /// <summary>Per-worker buffers, reused across features.</summary>
    private sealed class Workspace(int n)
    {
        public double[] Values { get; } = new double[n];

        public double[] Sorted { get; } = new double[n];

        public int[] Rows { get; } = new int[n];

        public double[] ClassValues { get; } = new double[n];

        public int[] ClassRows { get; } = new int[n];

        public int[] Cursor { get; } = new int[n + 1];

        public double[] Radius { get; } = new double[n];

        public ChebyshevKnn2D Knn { get; } = new();
    }
}

namespace MultiTask.FeatureSelection;

/// <summary>
/// Column-wise implementations of scikit-learn's <c>f_classif</c>, <c>r_regression</c>/<c>f_regression</c> and
/// <c>chi2</c>. Each feature is an independent pass over one contiguous column; sums of squares are centred
/// (two-pass) rather than scikit-learn's raw-moment formulas, which agree to rounding on well-conditioned data and
/// are more accurate otherwise. Inputs are validated by the callers.
/// </summary>
internal static class UnivariateStatistics
{
    /// <summary>
    /// One-way ANOVA F per feature and its p-value, F(C − 1, n − C). A constant feature gets NaN and NaN
    /// (scikit-learn: NaN for an all-zero column, rounding noise for other constants); a feature constant within
    /// every class but not overall gets +∞ and p = 0, as in scikit-learn.
    /// </summary>
    public static FeatureScores FClassif(FeatureMatrix x, ClassEncoding y)
    {
        int n = x.RowCount;
        int classes = y.ClassCount;
        var scores = new double[x.ColumnCount];
        var pValues = new double[x.ColumnCount];
        double dfBetween = classes - 1;
        double dfWithin = n - classes;
        var codes = y.Codes;
        var counts = y.Counts;
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];
            var sums = new double[classes];
            var mins = new double[classes];
            var maxs = new double[classes];
            Array.Fill(mins, double.PositiveInfinity);
            Array.Fill(maxs, double.NegativeInfinity);
            for (int i = 0; i < n; i++)
            {
                int c = codes[i];
                double v = column[i];
                sums[c] += v;
                if (v < mins[c])
                {
                    mins[c] = v;
                }

                if (v > maxs[c])
                {
                    maxs[c] = v;
                }
            }

            double total = 0;
            bool withinConstant = true;
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                total += sums[c];
                withinConstant &= mins[c] == maxs[c];
                min = Math.Min(min, mins[c]);
                max = Math.Max(max, maxs[c]);
            }

            if (min == max)
            {
                scores[j] = double.NaN;
                pValues[j] = double.NaN;
                return;
            }

            double grand = total / n;
            var means = sums;
            double between = 0;
            for (int c = 0; c < classes; c++)
            {
                means[c] = sums[c] / counts[c];
                double d = means[c] - grand;
                between += counts[c] * d * d;
            }

            double within = 0;
            if (!withinConstant)
            {
                for (int i = 0; i < n; i++)
                {
                    double d = column[i] - means[codes[i]];
                    within += d * d;
                }
            }

            double f = between / dfBetween / (within / dfWithin);
            scores[j] = f;
            pValues[j] = Distributions.FSurvival(f, dfBetween, dfWithin);
        });

        return new FeatureScores(scores, pValues);
    }

    /// <summary>
    /// Pearson's r between each feature and the target (<c>r_regression</c>); with <paramref name="center"/> false,
    /// the uncentred cosine. Undefined values (a constant feature or target) are NaN, or 0 when
    /// <paramref name="forceFinite"/>.
    /// </summary>
    public static double[] Correlations(FeatureMatrix x, double[] y, bool center, bool forceFinite)
    {
        int n = x.RowCount;
        double yMean = center ? Mean(y) : 0.0;
        var yc = new double[n];
        double yNorm2 = 0;
        for (int i = 0; i < n; i++)
        {
            double d = y[i] - yMean;
            yc[i] = d;
            yNorm2 += d * d;
        }

        double yNorm = Math.Sqrt(yNorm2);
        bool yConstant = center && IsConstant(y);
        var r = new double[x.ColumnCount];
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];
            double value;
            if (yConstant || (center && IsConstant(column)))
            {
                value = double.NaN;
            }
            else
            {
                double m = center ? Mean(column) : 0.0;
                double sxy = 0;
                double sxx = 0;
                for (int i = 0; i < n; i++)
                {
                    double d = column[i] - m;
                    sxy += d * yc[i];
                    sxx += d * d;
                }

                // Rounding can push |r| an ulp past 1 for a perfect correlation; clamp so F is +∞ there, not negative.
                value = Math.Clamp(sxy / Math.Sqrt(sxx) / yNorm, -1.0, 1.0);
            }

            r[j] = forceFinite && double.IsNaN(value) ? 0.0 : value;
        });

        return r;
    }

    /// <summary>
    /// <c>f_regression</c>: F = r²/(1 − r²)·(n − 2) (n − 1 when not centred) with its F(1, dof) p-value. With
    /// <paramref name="forceFinite"/> (scikit-learn's default), a perfect correlation gives F = double.MaxValue,
    /// p = 0, and an undefined one (constant feature or target) gives F = 0, p = 1.
    /// </summary>
    public static FeatureScores FRegression(FeatureMatrix x, double[] y, bool center, bool forceFinite)
    {
        var r = Correlations(x, y, center, forceFinite: false);
        double dof = x.RowCount - (center ? 2 : 1);
        var scores = new double[r.Length];
        var pValues = new double[r.Length];
        for (int j = 0; j < r.Length; j++)
        {
            double r2 = r[j] * r[j];
            double f = r2 / (1 - r2) * dof;
            double p = Distributions.FSurvival(f, 1, dof);
            if (forceFinite && double.IsPositiveInfinity(f))
            {
                f = double.MaxValue;
            }
            else if (forceFinite && double.IsNaN(f))
            {
                f = 0.0;
                p = 1.0;
            }

            scores[j] = f;
            pValues[j] = p;
        }

        return new FeatureScores(scores, pValues);
    }

    /// <summary>
    /// <c>chi2</c>: Σ_c (O_c − E_c)²/E_c with O_c the feature's sum over class c and E_c = (n_c/n)·Σ feature, and its
    /// χ²(C − 1) p-value. An all-zero feature gets NaN and NaN (as scikit-learn); a positive constant feature gets
    /// exactly 0 and 1 (scikit-learn: rounding noise near 0, p = 1). Features must be non-negative (checked by the caller).
    /// </summary>
    public static FeatureScores Chi2(FeatureMatrix x, ClassEncoding y)
    {
        int n = x.RowCount;
        int classes = y.ClassCount;
        var codes = y.Codes;
        var counts = y.Counts;
        var scores = new double[x.ColumnCount];
        var pValues = new double[x.ColumnCount];
        double df = classes - 1;
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];
            var observed = new double[classes];
            for (int i = 0; i < n; i++)
            {
                observed[codes[i]] += column[i];
            }

            if (IsConstant(column) && column[0] != 0)
            {
                scores[j] = 0.0;
                pValues[j] = 1.0;
                return;
            }

            double total = 0;
            for (int c = 0; c < classes; c++)
            {
                total += observed[c];
            }

            double chi2 = 0;
            for (int c = 0; c < classes; c++)
            {
                double expected = (double)counts[c] / n * total;
                double d = observed[c] - expected;
                chi2 += d * d / expected;
            }

            scores[j] = chi2;
            pValues[j] = Distributions.ChiSquaredSurvival(chi2, df);
        });

        return new FeatureScores(scores, pValues);
    }

    /// <summary>The index of the first negative value of each column, or −1.</summary>
    public static int FirstNegative(double[] column) => Array.FindIndex(column, v => v < 0);

    internal static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    internal static bool IsConstant(double[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }
}

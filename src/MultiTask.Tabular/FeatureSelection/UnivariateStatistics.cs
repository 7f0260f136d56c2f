namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Column-wise implementations of scikit-learn's <c>f_classif</c>, <c>r_regression</c>/<c>f_regression</c> and
/// <c>chi2</c>. Features are processed in parallel, each in as few vectorised passes over its contiguous column as
/// possible; missing or infinite values are detected from the sums of those passes (no separate validation pass) and
/// reported by <see cref="FeatureMatrix.RequireComplete"/>. Sums of squares are centred (two-pass, or one pass
/// shifted by the column's first value) rather than scikit-learn's raw moments: equal to rounding on well-conditioned
/// data, more accurate otherwise.
/// </summary>
internal static class UnivariateStatistics
{
    /// <summary>
    /// One-way ANOVA F per feature and its p-value, F(C − 1, n − C). A constant feature gets NaN and NaN
    /// (scikit-learn: NaN for an all-zero column, rounding noise for other constants); a feature constant within
    /// every class but not overall gets +∞ and p = 0, as in scikit-learn.
    /// </summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The classes (at least two, fewer than the rows).</param>
    /// <param name="context">Names the computation in the error for a missing value.</param>
    public static FeatureScores FClassif(FeatureMatrix x, ClassEncoding y, string context)
    {
        int n = x.RowCount;
        int classes = y.ClassCount;
        var scores = new double[x.ColumnCount];
        var pValues = new double[x.ColumnCount];
        var nonFinite = new bool[x.ColumnCount];
        double dfBetween = classes - 1;
        double dfWithin = n - classes;
        var codes = y.Codes;
        var counts = y.Counts;
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];

            // Sums of v − s, s the first value, keep the class means accurate when |mean| ≫ spread.
            double shift = column[0];
            var sums = new double[classes];
            var mins = new double[classes];
            var maxs = new double[classes];
            Array.Fill(mins, double.PositiveInfinity);
            Array.Fill(maxs, double.NegativeInfinity);
            for (int i = 0; i < n; i++)
            {
                int c = codes[i];
                double v = column[i];
                sums[c] += v - shift;
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

            if (!double.IsFinite(total))
            {
                nonFinite[j] = true;
                return;
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
                    double d = column[i] - shift - means[codes[i]];
                    within += d * d;
                }
            }

            double f = between / dfBetween / (within / dfWithin);
            scores[j] = f;
            pValues[j] = Distributions.FSurvival(f, dfBetween, dfWithin);
        });

        ThrowIfAny(x, nonFinite, context);
        return new FeatureScores(scores, pValues);
    }

    /// <summary>
    /// Pearson's r between each feature and the target (<c>r_regression</c>); with <paramref name="center"/> false,
    /// the uncentred cosine. Undefined values (a constant feature or target) are NaN, or 0 when
    /// <paramref name="forceFinite"/>. One vectorised pass per feature.
    /// </summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The target, finite.</param>
    /// <param name="center">Centre features and target.</param>
    /// <param name="forceFinite">Replace NaN by 0.</param>
    /// <param name="context">Names the computation in the error for a missing value.</param>
    public static double[] Correlations(FeatureMatrix x, double[] y, bool center, bool forceFinite, string context)
    {
        int n = x.RowCount;
        double yMean = center ? Mean(y) : 0.0;
        var yc = new double[n];
        double ySum = 0;
        double yNorm2 = 0;
        for (int i = 0; i < n; i++)
        {
            double d = y[i] - yMean;
            yc[i] = d;
            ySum += d;
            yNorm2 += d * d;
        }

        double yNorm = Math.Sqrt(yNorm2);
        bool yConstant = center && IsConstant(y);
        var r = new double[x.ColumnCount];
        var nonFinite = new bool[x.ColumnCount];
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];

            // d = x − s with s the first value (0 when not centring): Σd, Σd², Σd·yc, min and max in one pass.
            double shift = center && n > 0 ? column[0] : 0.0;
            var s = ColumnKernels.ShiftedMoments(column, shift, yc);
            if (!double.IsFinite(s.Sum) || !double.IsFinite(s.SumSquares))
            {
                nonFinite[j] = true;
                return;
            }

            double value;
            if (yConstant || (center && s.Min == s.Max))
            {
                value = double.NaN;
            }
            else
            {
                // Σ (x − m)(y − ȳ) = Σ d·yc − (m − s)·Σ yc and Σ (x − m)² = Σ d² − (Σ d)²/n, with m − s = Σ d / n.
                double meanShift = center ? s.Sum / n : 0.0;
                double sxy = s.Cross - (meanShift * ySum);
                double sxx = center ? s.SumSquares - (s.Sum * meanShift) : s.SumSquares;

                // Rounding can push |r| an ulp past 1 for a perfect correlation; clamp so F is +∞ there, not negative.
                value = Math.Clamp(sxy / Math.Sqrt(sxx) / yNorm, -1.0, 1.0);
            }

            r[j] = forceFinite && double.IsNaN(value) ? 0.0 : value;
        });

        ThrowIfAny(x, nonFinite, context);
        return r;
    }

    /// <summary>
    /// <c>f_regression</c>: F = r²/(1 − r²)·(n − 2) (n − 1 when not centred) with its F(1, dof) p-value. With
    /// <paramref name="forceFinite"/> (scikit-learn's default), a perfect correlation gives F = double.MaxValue,
    /// p = 0, and an undefined one (constant feature or target) gives F = 0, p = 1.
    /// </summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The target, finite.</param>
    /// <param name="center">Centre features and target.</param>
    /// <param name="forceFinite">scikit-learn's <c>force_finite</c>.</param>
    /// <param name="context">Names the computation in the error for a missing value.</param>
    public static FeatureScores FRegression(FeatureMatrix x, double[] y, bool center, bool forceFinite, string context)
    {
        var r = Correlations(x, y, center, forceFinite: false, context);
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
    /// exactly 0 and 1 (scikit-learn: rounding noise near 0, p = 1).
    /// </summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The classes (at least two).</param>
    /// <param name="context">Names the computation in the error for a missing value.</param>
    /// <exception cref="ArgumentException">A value is missing, or negative (the message names the column and row).</exception>
    public static FeatureScores Chi2(FeatureMatrix x, ClassEncoding y, string context)
    {
        int n = x.RowCount;
        int classes = y.ClassCount;
        var codes = y.Codes;
        var counts = y.Counts;
        var scores = new double[x.ColumnCount];
        var pValues = new double[x.ColumnCount];
        double df = classes - 1;

        // Pass 1: total, minimum and maximum — missing values, negative values and constants show here.
        var summaries = new (double Sum, double Min, double Max)[x.ColumnCount];
        Parallel.For(0, x.ColumnCount, j => summaries[j] = ColumnKernels.SumMinMax(x.Columns[j]));
        ThrowIfAny(x, summaries.Select(s => !double.IsFinite(s.Sum)).ToArray(), context);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            if (summaries[j].Min < 0)
            {
                int bad = ColumnKernels.FirstNegative(x.Columns[j]);
                throw new ArgumentException($"Feature {x.Describe(j)} has the negative value {x.Columns[j][bad].ToString(System.Globalization.CultureInfo.InvariantCulture)} at row {x.SourceRow(bad)}; Chi2 needs non-negative features (counts, frequencies, indicators). Use FClassif or MutualInfoClassification, or rescale (e.g. MinMaxScaler).");
            }
        }

        // Class sums (scikit-learn's Yᵀ X): dot products with 0/1 indicators of classes 1..C−1, vectorised, class 0
        // by difference; a scatter-add for many classes.
        double[][]? indicators = classes <= 8 ? new double[classes][] : null;
        if (indicators is not null)
        {
            for (int c = 1; c < classes; c++)
            {
                indicators[c] = new double[n];
            }

            for (int i = 0; i < n; i++)
            {
                if (codes[i] > 0)
                {
                    indicators[codes[i]][i] = 1.0;
                }
            }
        }

        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];
            var (total, min, max) = summaries[j];
            if (min == max && min != 0)
            {
                scores[j] = 0.0;
                pValues[j] = 1.0;
                return;
            }

            var observed = new double[classes];
            if (indicators is not null)
            {
                double rest = 0;
                for (int c = 1; c < classes; c++)
                {
                    observed[c] = ColumnKernels.Dot(indicators[c], column);
                    rest += observed[c];
                }

                observed[0] = Math.Max(0.0, total - rest);
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    observed[codes[i]] += column[i];
                }

                total = 0;
                for (int c = 0; c < classes; c++)
                {
                    total += observed[c];
                }
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

    /// <summary>Throws <see cref="FeatureMatrix.RequireComplete"/>'s error when a flagged column has a missing or infinite value.</summary>
    private static void ThrowIfAny(FeatureMatrix x, bool[] nonFinite, string context)
    {
        if (Array.IndexOf(nonFinite, true) >= 0)
        {
            // Reports the first bad column and row; a column flagged only because its sums overflowed passes.
            x.RequireComplete(context);
        }
    }
}

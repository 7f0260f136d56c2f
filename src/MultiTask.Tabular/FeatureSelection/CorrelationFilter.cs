using System.Numerics;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Drops one feature of each highly correlated pair: a column is dropped when the absolute Pearson correlation with an
/// earlier column that was kept exceeds the threshold. Greedy in column order, so of a correlated pair the earlier
/// column stays (put preferred columns first). There is no scikit-learn equivalent; correlations equal
/// <c>numpy.corrcoef</c>'s. Targets are not used, so it works unsupervised (<see cref="ITransformEstimator"/>) too.
/// </summary>
/// <remarks>
/// Only kept columns can cause a drop: with a ~ b and b ~ c but not a ~ c, b is dropped and c kept. A constant column
/// has no defined correlation; it is never dropped by this filter and never causes a drop (use
/// <see cref="VarianceThreshold"/> for it). Columns must be complete. Each kept column is compared with each later
/// column in one vectorised pass over the two contiguous columns (at most p(p − 1)/2 passes); nothing of size n × p is
/// allocated. The fitted selection carries no scores.
/// </remarks>
public sealed class CorrelationFilter : ITransformEstimator, ISupervisedTransformEstimator
{
    /// <summary>The |r| above which the later column of a pair is dropped. Range: [0, 1]. Default: 0.9.</summary>
    public double Threshold
    {
        get;
        init => field = OptionChecks.UnitInterval(value, nameof(Threshold));
    } = 0.9;

    /// <summary>The Pearson correlation matrix of the columns (NaN on rows and columns of constant features; 1 on the diagonal otherwise).</summary>
    /// <param name="data">Complete numeric columns.</param>
    /// <returns>[columns, columns].</returns>
    /// <exception cref="ArgumentException">A column is categorical or missing a value; the message names it.</exception>
    public static double[,] Correlations(TabularData data)
    {
        var prepared = Prepare(data);
        int p = prepared.X.ColumnCount;
        var r = new double[p, p];
        Parallel.For(0, p, i =>
        {
            for (int j = i; j < p; j++)
            {
                double value = prepared.Correlation(i, j);
                r[i, j] = value;
                r[j, i] = value;
            }
        });
        return r;
    }

    /// <summary>Keeps each column unless it is too correlated with an earlier kept column.</summary>
    /// <param name="data">Complete numeric columns.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">A column is categorical or missing a value, or the table has no columns.</exception>
    public FittedColumnSelection Fit(TabularData data)
    {
        var prepared = Prepare(data);
        int p = prepared.X.ColumnCount;
        var kept = new List<int>(p);
        for (int j = 0; j < p; j++)
        {
            bool drop = false;
            if (prepared.Norms[j] > 0)
            {
                foreach (int i in kept)
                {
                    if (Math.Abs(prepared.Correlation(i, j)) > Threshold)
                    {
                        drop = true;
                        break;
                    }
                }
            }

            if (!drop)
            {
                kept.Add(j);
            }
        }

        return new FittedColumnSelection(prepared.X.Names, kept.Select(j => prepared.X.Names[j]));
    }

    /// <inheritdoc/>
    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    /// <summary>As <see cref="Fit(TabularData)"/>; the targets are not used.</summary>
    /// <param name="data">Complete numeric columns.</param>
    /// <param name="tasks">Ignored.</param>
    /// <param name="targets">Ignored.</param>
    /// <returns>The selection.</returns>
    IFittedTransform ISupervisedTransformEstimator.Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data);

    private static Prepared Prepare(TabularData data)
    {
        var x = FeatureMatrix.FromTable(data, "CorrelationFilter");
        x.RequireComplete("CorrelationFilter");
        var means = new double[x.ColumnCount];
        var norms = new double[x.ColumnCount];
        Parallel.For(0, x.ColumnCount, j =>
        {
            var column = x.Columns[j];
            double mean = UnivariateStatistics.Mean(column);
            means[j] = mean;
            norms[j] = UnivariateStatistics.IsConstant(column) ? 0.0 : Math.Sqrt(CenteredDot(column, mean, column, mean));
        });
        return new Prepared(x, means, norms);
    }

    /// <summary>Σ (a − ma)(b − mb), vectorised.</summary>
    private static double CenteredDot(double[] a, double ma, double[] b, double mb)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(ma);
            var vb = new Vector<double>(mb);
            var acc = Vector<double>.Zero;
            int width = Vector<double>.Count;
            for (; i <= n - width; i += width)
            {
                acc += (new Vector<double>(a, i) - va) * (new Vector<double>(b, i) - vb);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += (a[i] - ma) * (b[i] - mb);
        }

        return sum;
    }

    private sealed record Prepared(FeatureMatrix X, double[] Means, double[] Norms)
    {
        public double Correlation(int i, int j)
        {
            if (Norms[i] == 0 || Norms[j] == 0)
            {
                return double.NaN;
            }

            if (i == j)
            {
                return 1.0;
            }

            double r = CenteredDot(X.Columns[i], Means[i], X.Columns[j], Means[j]) / (Norms[i] * Norms[j]);
            return Math.Clamp(r, -1.0, 1.0);
        }
    }
}

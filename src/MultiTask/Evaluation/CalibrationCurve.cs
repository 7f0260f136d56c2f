using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>
/// A reliability diagram of a binary task, as <c>sklearn.calibration.calibration_curve</c> (scikit-learn 1.2): per
/// non-empty bin of predicted probability, the fraction of positives and the mean predicted probability.
/// </summary>
public sealed class CalibrationCurve
{
    private CalibrationCurve(double[] fractionOfPositives, double[] meanPredicted)
    {
        FractionOfPositives = fractionOfPositives;
        MeanPredictedProbability = meanPredicted;
    }

    /// <summary>The fraction of rows with label 1 in each non-empty bin (scikit-learn's <c>prob_true</c>).</summary>
    public IReadOnlyList<double> FractionOfPositives { get; }

    /// <summary>The mean predicted probability in each non-empty bin (scikit-learn's <c>prob_pred</c>).</summary>
    public IReadOnlyList<double> MeanPredictedProbability { get; }

    /// <summary>
    /// Computes the curve. A probability equal to an inner bin edge falls in the lower bin (numpy's
    /// <c>searchsorted</c>); quantile edges use numpy's linear percentile.
    /// </summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="probabilities">Probabilities of class 1 in [0, 1], same length.</param>
    /// <param name="binCount">The number of bins. Range: ≥ 1. Default: 5.</param>
    /// <param name="binning">Uniform or quantile edges. Default: <see cref="CalibrationBinning.Uniform"/>.</param>
    public static CalibrationCurve Compute(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int binCount = 5, CalibrationBinning binning = CalibrationBinning.Uniform)
    {
        Metrics.CheckPair(actual, probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        for (int i = 0; i < actual.Length; i++)
        {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
            {
                throw new ArgumentException($"A calibration curve needs probabilities in [0, 1]; row {i.ToString(CultureInfo.InvariantCulture)} has {probabilities[i].ToString("R", CultureInfo.InvariantCulture)}.", nameof(probabilities));
            }

            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"A calibration curve needs labels 0 or 1; row {i.ToString(CultureInfo.InvariantCulture)} has {actual[i].ToString(CultureInfo.InvariantCulture)}.", nameof(actual));
            }
        }

        var edges = binning == CalibrationBinning.Uniform ? Linspace(binCount) : QuantileEdges(probabilities, binCount);
        var sums = new double[binCount + 1];
        var positives = new double[binCount + 1];
        var totals = new long[binCount + 1];
        for (int i = 0; i < actual.Length; i++)
        {
            int bin = 0;
            while (bin < binCount - 1 && edges[bin + 1] < probabilities[i])
            {
                bin++;
            }

            sums[bin] += probabilities[i];
            positives[bin] += actual[i];
            totals[bin]++;
        }

        var fraction = new List<double>();
        var mean = new List<double>();
        for (int b = 0; b < totals.Length; b++)
        {
            if (totals[b] != 0)
            {
                fraction.Add(positives[b] / totals[b]);
                mean.Add(sums[b] / totals[b]);
            }
        }

        return new CalibrationCurve([.. fraction], [.. mean]);
    }

    private static double[] Linspace(int binCount)
    {
        var edges = new double[binCount + 1];
        double step = 1.0 / binCount;
        for (int i = 0; i < binCount; i++)
        {
            edges[i] = i * step;
        }

        edges[binCount] = 1.0;
        return edges;
    }

    // numpy.percentile(p, linspace(0, 1, n + 1) * 100), method "linear", with numpy 1.24's arithmetic.
    private static double[] QuantileEdges(ReadOnlySpan<double> probabilities, int binCount)
    {
        var sorted = probabilities.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        var quantiles = Linspace(binCount);
        var edges = new double[binCount + 1];
        for (int e = 0; e <= binCount; e++)
        {
            double q = quantiles[e] * 100 / 100;
            double virtualIndex = (n * q) + (1 + (q * (1 - 1 - 1))) - 1;
            int previous, next;
            double gamma;
            if (virtualIndex >= n - 1)
            {
                previous = next = n - 1;
                gamma = 0;
            }
            else if (virtualIndex < 0)
            {
                previous = next = 0;
                gamma = 0;
            }
            else
            {
                previous = (int)Math.Floor(virtualIndex);
                next = previous + 1;
                gamma = virtualIndex - previous;
            }

            double a = sorted[previous], b = sorted[next], diff = b - a;
            edges[e] = gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
        }

        return edges;
    }
}

using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>Score and probability metrics: one-vs-rest ROC AUC, average precision, multiclass log-loss, Brier score.</summary>
public static partial class Metrics
{
    /// <summary>
    /// One-vs-rest ROC AUC of a multiclass problem, as <c>roc_auc_score(multi_class="ovr")</c>: the binary AUC of
    /// each class against the rest, averaged without weights (<see cref="MetricAverage.Macro"/>) or weighted by each
    /// class's count in the true labels (<see cref="MetricAverage.Weighted"/>).
    /// </summary>
    /// <param name="actual">True labels in [0, K); every class must occur (scikit-learn raises otherwise).</param>
    /// <param name="probabilities">One row of K class probabilities per label, each row summing to 1.</param>
    /// <param name="average">Macro or Weighted. Default: Macro.</param>
    /// <exception cref="ArgumentException">A class is absent, a row does not sum to 1, or the average is not Macro or Weighted.</exception>
    public static double RocAucOneVsRest(ReadOnlySpan<int> actual, IReadOnlyList<IReadOnlyList<double>> probabilities, MetricAverage average = MetricAverage.Macro)
    {
        int k = CheckProbabilityRows(actual, probabilities);
        if (average is not (MetricAverage.Macro or MetricAverage.Weighted))
        {
            throw new ArgumentException($"One-vs-rest ROC AUC averages with Macro or Weighted; got {average}.", nameof(average));
        }

        for (int r = 0; r < probabilities.Count; r++)
        {
            if (Math.Abs(probabilities[r].Sum() - 1.0) > 1e-8 + 1e-5)
            {
                throw new ArgumentException($"One-vs-rest ROC AUC needs probabilities; row {r.ToString(CultureInfo.InvariantCulture)} sums to {probabilities[r].Sum().ToString("R", CultureInfo.InvariantCulture)}, not 1.", nameof(probabilities));
            }
        }

        var binary = new int[actual.Length];
        var column = new double[actual.Length];
        double sum = 0, weightSum = 0;
        for (int c = 0; c < k; c++)
        {
            long count = 0;
            for (int i = 0; i < actual.Length; i++)
            {
                binary[i] = actual[i] == c ? 1 : 0;
                count += binary[i];
                column[i] = probabilities[i][c];
            }

            if (count == 0)
            {
                throw new ArgumentException($"One-vs-rest ROC AUC needs every class in the true labels; class {c.ToString(CultureInfo.InvariantCulture)} of {k.ToString(CultureInfo.InvariantCulture)} is absent.", nameof(actual));
            }

            double w = average == MetricAverage.Weighted ? count : 1.0;
            sum += w * RocAuc(binary, column);
            weightSum += w;
        }

        return sum / weightSum;
    }

    /// <summary>
    /// Average precision Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the thresholds of <see cref="PrecisionRecallCurve"/>, as
    /// <c>sklearn.metrics.average_precision_score</c> (no interpolation; 0 when no label is positive).
    /// </summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="scores">Scores or probabilities of class 1, same length.</param>
    public static double AveragePrecision(ReadOnlySpan<int> actual, ReadOnlySpan<double> scores)
    {
        var curve = PrecisionRecallCurve.Compute(actual, scores);
        double sum = 0;
        for (int i = 0; i + 1 < curve.Recall.Count; i++)
        {
            sum += (curve.Recall[i + 1] - curve.Recall[i]) * curve.Precision[i];
        }

        return -sum;
    }

    /// <summary>
    /// Multiclass log-loss −mean(log p_y), as <c>sklearn.metrics.log_loss(labels=range(K))</c>: each probability is
    /// clipped to [ε, 1 − ε] (ε the machine epsilon of double) and each row renormalised to sum 1.
    /// </summary>
    /// <param name="actual">True labels in [0, K).</param>
    /// <param name="probabilities">One row of K class probabilities per label.</param>
    public static double LogLoss(ReadOnlySpan<int> actual, IReadOnlyList<IReadOnlyList<double>> probabilities)
    {
        int k = CheckProbabilityRows(actual, probabilities);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double rowSum = 0;
            for (int c = 0; c < k; c++)
            {
                rowSum += Math.Clamp(probabilities[i][c], MachineEpsilon, 1 - MachineEpsilon);
            }

            sum -= Math.Log(Math.Clamp(probabilities[i][actual[i]], MachineEpsilon, 1 - MachineEpsilon) / rowSum);
        }

        return sum / actual.Length;
    }

    /// <summary>Brier score mean((y − p)²) of a binary problem, as <c>sklearn.metrics.brier_score_loss</c>.</summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="probabilities">Probabilities of class 1 in [0, 1], same length.</param>
    public static double BrierScore(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities)
    {
        CheckPair(actual, probabilities);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"The Brier score needs labels 0 or 1; row {i.ToString(CultureInfo.InvariantCulture)} has {actual[i].ToString(CultureInfo.InvariantCulture)}.", nameof(actual));
            }

            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
            {
                throw new ArgumentException($"The Brier score needs probabilities in [0, 1]; row {i.ToString(CultureInfo.InvariantCulture)} has {probabilities[i].ToString("R", CultureInfo.InvariantCulture)}.", nameof(probabilities));
            }

            double d = actual[i] - probabilities[i];
            sum += d * d;
        }

        return sum / actual.Length;
    }

    private static int CheckProbabilityRows(ReadOnlySpan<int> actual, IReadOnlyList<IReadOnlyList<double>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (actual.Length == 0)
        {
            throw new ArgumentException("Metrics need at least one row; the arrays are empty.", nameof(actual));
        }

        if (probabilities.Count != actual.Length)
        {
            throw new ArgumentException($"The true labels and the probability rows differ in length: {actual.Length.ToString(CultureInfo.InvariantCulture)} vs {probabilities.Count.ToString(CultureInfo.InvariantCulture)}.", nameof(probabilities));
        }

        int k = probabilities[0].Count;
        for (int i = 0; i < actual.Length; i++)
        {
            if (probabilities[i].Count != k)
            {
                throw new ArgumentException($"Probability row {i.ToString(CultureInfo.InvariantCulture)} has {probabilities[i].Count.ToString(CultureInfo.InvariantCulture)} columns; row 0 has {k.ToString(CultureInfo.InvariantCulture)}.", nameof(probabilities));
            }

            CheckClass(actual[i], k, i, nameof(actual));
        }

        return k;
    }
}

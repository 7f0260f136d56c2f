namespace MultiTask.Evaluation;

/// <summary>The points of a binary ROC curve, as <c>sklearn.metrics.roc_curve</c> (scikit-learn 1.2).</summary>
public sealed class RocCurve
{
    private RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds)
    {
        FalsePositiveRates = falsePositiveRates;
        TruePositiveRates = truePositiveRates;
        Thresholds = thresholds;
    }

    /// <summary>The false-positive rate at each threshold, increasing from 0; NaN throughout when no label is negative.</summary>
    public IReadOnlyList<double> FalsePositiveRates { get; }

    /// <summary>The true-positive rate at each threshold, increasing from 0; NaN throughout when no label is positive.</summary>
    public IReadOnlyList<double> TruePositiveRates { get; }

    /// <summary>
    /// The decreasing thresholds: a row is positive when its score is ≥ the threshold. The first is the highest score
    /// + 1 (scikit-learn 1.2), so that the curve starts at (0, 0).
    /// </summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Computes the curve.</summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="scores">Scores or probabilities of class 1, same length.</param>
    /// <param name="dropIntermediate">Drop thresholds whose point lies on a straight segment between its neighbours (scikit-learn's <c>drop_intermediate</c>). Default: true.</param>
    public static RocCurve Compute(ReadOnlySpan<int> actual, ReadOnlySpan<double> scores, bool dropIntermediate = true)
    {
        var ranking = BinaryRanking.Of(actual, scores);
        var fps = ranking.FalsePositives;
        var tps = ranking.TruePositives;
        var keep = Enumerable.Range(0, fps.Length);
        if (dropIntermediate && fps.Length > 2)
        {
            keep = keep.Where(i => i == 0 || i == fps.Length - 1
                || fps[i + 1] - (2 * fps[i]) + fps[i - 1] != 0
                || tps[i + 1] - (2 * tps[i]) + tps[i - 1] != 0);
        }

        var kept = keep.ToArray();
        int n = kept.Length + 1;
        var fpr = new double[n];
        var tpr = new double[n];
        var thresholds = new double[n];
        double negatives = fps[^1], positives = tps[^1];
        thresholds[0] = ranking.Thresholds[kept[0]] + 1;
        for (int j = 0; j < kept.Length; j++)
        {
            fpr[j + 1] = fps[kept[j]];
            tpr[j + 1] = tps[kept[j]];
            thresholds[j + 1] = ranking.Thresholds[kept[j]];
        }

        for (int j = 0; j < n; j++)
        {
            fpr[j] = negatives > 0 ? fpr[j] / negatives : double.NaN;
            tpr[j] = positives > 0 ? tpr[j] / positives : double.NaN;
        }

        return new RocCurve(fpr, tpr, thresholds);
    }
}

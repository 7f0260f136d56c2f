namespace MultiTask.Evaluation;

/// <summary>The points of a binary precision–recall curve, as <c>sklearn.metrics.precision_recall_curve</c> (scikit-learn 1.2).</summary>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds)
    {
        Precision = precision;
        Recall = recall;
        Thresholds = thresholds;
    }

    /// <summary>
    /// The precision at each threshold (increasing thresholds), then a final 1 with no threshold. A threshold where
    /// nothing is predicted positive has precision 0.
    /// </summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>The recall at each threshold (decreasing), then a final 0; all 1 when no label is positive.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>The distinct scores in increasing order: a row is positive when its score is ≥ the threshold. One fewer than the points.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Computes the curve.</summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="scores">Scores or probabilities of class 1, same length.</param>
    public static PrecisionRecallCurve Compute(ReadOnlySpan<int> actual, ReadOnlySpan<double> scores)
    {
        var ranking = BinaryRanking.Of(actual, scores);
        int m = ranking.Thresholds.Length;
        double positives = ranking.TruePositives[^1];
        var precision = new double[m + 1];
        var recall = new double[m + 1];
        var thresholds = new double[m];
        for (int j = 0; j < m; j++)
        {
            int i = m - 1 - j;
            double tp = ranking.TruePositives[i];
            double predicted = tp + ranking.FalsePositives[i];
            precision[j] = predicted != 0 ? tp / predicted : 0.0;
            recall[j] = positives == 0 ? 1.0 : tp / positives;
            thresholds[j] = ranking.Thresholds[i];
        }

        precision[m] = 1.0;
        recall[m] = 0.0;
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }
}

using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>
/// Cumulative true and false positives at each distinct score, highest first, as scikit-learn's
/// <c>_binary_clf_curve</c> (tied scores form one threshold).
/// </summary>
internal sealed class BinaryRanking
{
    private BinaryRanking(double[] falsePositives, double[] truePositives, double[] thresholds)
    {
        FalsePositives = falsePositives;
        TruePositives = truePositives;
        Thresholds = thresholds;
    }

    internal double[] FalsePositives { get; }

    internal double[] TruePositives { get; }

    internal double[] Thresholds { get; }

    internal static BinaryRanking Of(ReadOnlySpan<int> actual, ReadOnlySpan<double> scores)
    {
        Metrics.CheckPair(actual, scores);
        int n = actual.Length;
        var order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (actual[i] is not (0 or 1))
            {
                throw new ArgumentException($"Binary curves need labels 0 or 1; row {i.ToString(CultureInfo.InvariantCulture)} has {actual[i].ToString(CultureInfo.InvariantCulture)}.", nameof(actual));
            }

            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Row {i.ToString(CultureInfo.InvariantCulture)} has a NaN score.", nameof(scores));
            }

            order[i] = i;
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        var fps = new List<double>();
        var tps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0;
        for (int k = 0; k < n; k++)
        {
            tp += actual[order[k]];
            if (k == n - 1 || keys[k + 1] != keys[k])
            {
                tps.Add(tp);
                fps.Add(k + 1 - tp);
                thresholds.Add(scores[order[k]]);
            }
        }

        return new BinaryRanking([.. fps], [.. tps], [.. thresholds]);
    }
}

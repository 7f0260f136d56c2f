using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>Label metrics: balanced accuracy, precision, recall, F1 and Matthews correlation.</summary>
public static partial class Metrics
{
    /// <summary>
    /// Balanced accuracy, as <c>sklearn.metrics.balanced_accuracy_score</c>: the mean recall over the labels that occur
    /// in the true labels (a label that occurs only in the predictions is left out).
    /// </summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    public static double BalancedAccuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        CheckPair(actual, predicted);
        var counts = LabelCounts.Of(actual, predicted);
        double sum = 0;
        int present = 0;
        for (int k = 0; k < counts.Labels.Length; k++)
        {
            if (counts.TrueCounts[k] > 0)
            {
                sum += (double)counts.TruePositives[k] / counts.TrueCounts[k];
                present++;
            }
        }

        return sum / present;
    }

    /// <summary>
    /// Precision TP / (TP + FP), as <c>sklearn.metrics.precision_score</c>.
    /// </summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    /// <param name="average">How labels combine. Default: <see cref="MetricAverage.Binary"/>.</param>
    /// <param name="positiveLabel">The positive label of <see cref="MetricAverage.Binary"/>. Default: 1.</param>
    /// <param name="zeroDivision">The value of a 0/0 ratio: 0 (scikit-learn's default "warn") or 1. Default: 0.</param>
    /// <exception cref="ArgumentException">Binary averaging of more than two labels, or of two labels without the positive one.</exception>
    public static double Precision(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, MetricAverage average = MetricAverage.Binary, int positiveLabel = 1, double zeroDivision = 0)
        => PrecisionRecallF1(actual, predicted, average, positiveLabel, zeroDivision).Precision;

    /// <summary>Recall TP / (TP + FN), as <c>sklearn.metrics.recall_score</c>.</summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    /// <param name="average">How labels combine. Default: <see cref="MetricAverage.Binary"/>.</param>
    /// <param name="positiveLabel">The positive label of <see cref="MetricAverage.Binary"/>. Default: 1.</param>
    /// <param name="zeroDivision">The value of a 0/0 ratio: 0 (scikit-learn's default "warn") or 1. Default: 0.</param>
    /// <exception cref="ArgumentException">Binary averaging of more than two labels, or of two labels without the positive one.</exception>
    public static double Recall(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, MetricAverage average = MetricAverage.Binary, int positiveLabel = 1, double zeroDivision = 0)
        => PrecisionRecallF1(actual, predicted, average, positiveLabel, zeroDivision).Recall;

    /// <summary>
    /// F1 = 2·P·R / (P + R) per label (0 when P + R = 0, P and R after the zero-division rule), then averaged, as
    /// <c>sklearn.metrics.f1_score</c>.
    /// </summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    /// <param name="average">How labels combine. Default: <see cref="MetricAverage.Binary"/>.</param>
    /// <param name="positiveLabel">The positive label of <see cref="MetricAverage.Binary"/>. Default: 1.</param>
    /// <param name="zeroDivision">The value of a 0/0 ratio: 0 (scikit-learn's default "warn") or 1. Default: 0.</param>
    /// <exception cref="ArgumentException">Binary averaging of more than two labels, or of two labels without the positive one.</exception>
    public static double F1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, MetricAverage average = MetricAverage.Binary, int positiveLabel = 1, double zeroDivision = 0)
        => PrecisionRecallF1(actual, predicted, average, positiveLabel, zeroDivision).F1;

    /// <summary>
    /// Precision, recall and F1 of each class 0 … <paramref name="classCount"/> − 1, as
    /// <c>precision_recall_fscore_support(labels=range(classCount), average=None)</c>.
    /// </summary>
    /// <param name="actual">True labels in [0, classCount).</param>
    /// <param name="predicted">Predicted labels in [0, classCount), same length.</param>
    /// <param name="classCount">The number of classes. Range: ≥ 1.</param>
    /// <param name="zeroDivision">The value of a 0/0 ratio: 0 or 1. Default: 0.</param>
    public static (double[] Precision, double[] Recall, double[] F1) PerClassPrecisionRecallF1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, double zeroDivision = 0)
    {
        CheckPair(actual, predicted);
        CheckZeroDivision(zeroDivision);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var tp = new long[classCount];
        var predictedCount = new long[classCount];
        var trueCount = new long[classCount];
        for (int i = 0; i < actual.Length; i++)
        {
            int a = CheckClass(actual[i], classCount, i, nameof(actual)), p = CheckClass(predicted[i], classCount, i, nameof(predicted));
            trueCount[a]++;
            predictedCount[p]++;
            if (a == p)
            {
                tp[a]++;
            }
        }

        var precision = new double[classCount];
        var recall = new double[classCount];
        var f1 = new double[classCount];
        for (int k = 0; k < classCount; k++)
        {
            (precision[k], recall[k], f1[k]) = Prf(tp[k], predictedCount[k], trueCount[k], zeroDivision);
        }

        return (precision, recall, f1);
    }

    /// <summary>
    /// Matthews correlation coefficient of a binary or multiclass problem, as <c>sklearn.metrics.matthews_corrcoef</c>
    /// (the multiclass R_K statistic; 0 when the true or the predicted labels are all one class).
    /// </summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    public static double MatthewsCorrelation(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        CheckPair(actual, predicted);
        var counts = LabelCounts.Of(actual, predicted);
        double samples = actual.Length, correct = 0, truePred = 0, predPred = 0, trueTrue = 0;
        for (int k = 0; k < counts.Labels.Length; k++)
        {
            correct += counts.TruePositives[k];
            truePred += (double)counts.TrueCounts[k] * counts.PredictedCounts[k];
            predPred += (double)counts.PredictedCounts[k] * counts.PredictedCounts[k];
            trueTrue += (double)counts.TrueCounts[k] * counts.TrueCounts[k];
        }

        double covTruePred = (correct * samples) - truePred;
        double covPredPred = (samples * samples) - predPred;
        double covTrueTrue = (samples * samples) - trueTrue;
        return covPredPred * covTrueTrue == 0 ? 0.0 : covTruePred / Math.Sqrt(covTrueTrue * covPredPred);
    }

    private static (double Precision, double Recall, double F1) PrecisionRecallF1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, MetricAverage average, int positiveLabel, double zeroDivision)
    {
        CheckPair(actual, predicted);
        CheckZeroDivision(zeroDivision);
        var counts = LabelCounts.Of(actual, predicted);
        int n = counts.Labels.Length;
        if (average == MetricAverage.Binary)
        {
            int index = Array.IndexOf(counts.Labels, positiveLabel);
            if (n > 2)
            {
                throw new ArgumentException($"Binary averaging needs at most two labels; the labels are {string.Join(", ", counts.Labels)}. Use Macro, Micro or Weighted.", nameof(average));
            }

            if (index < 0 && n == 2)
            {
                throw new ArgumentException($"The positive label {positiveLabel.ToString(CultureInfo.InvariantCulture)} is not one of the labels {string.Join(", ", counts.Labels)}.", nameof(positiveLabel));
            }

            return index < 0 ? Prf(0, 0, 0, zeroDivision) : Prf(counts.TruePositives[index], counts.PredictedCounts[index], counts.TrueCounts[index], zeroDivision);
        }

        if (average == MetricAverage.Micro)
        {
            return Prf(counts.TruePositives.Sum(), counts.PredictedCounts.Sum(), counts.TrueCounts.Sum(), zeroDivision);
        }

        double p = 0, r = 0, f = 0, weightSum = 0;
        for (int k = 0; k < n; k++)
        {
            var (pk, rk, fk) = Prf(counts.TruePositives[k], counts.PredictedCounts[k], counts.TrueCounts[k], zeroDivision);
            double w = average == MetricAverage.Weighted ? counts.TrueCounts[k] : 1.0;
            p += w * pk;
            r += w * rk;
            f += w * fk;
            weightSum += w;
        }

        if (weightSum == 0)
        {
            // scikit-learn: weighted average with no true label at all (cannot happen for non-empty input).
            return (zeroDivision, zeroDivision, zeroDivision);
        }

        return (p / weightSum, r / weightSum, f / weightSum);
    }

    private static (double Precision, double Recall, double F1) Prf(long tp, long predictedCount, long trueCount, double zeroDivision)
    {
        double precision = predictedCount == 0 ? zeroDivision : (double)tp / predictedCount;
        double recall = trueCount == 0 ? zeroDivision : (double)tp / trueCount;
        double denominator = precision + recall;
        double f1 = 2 * precision * recall / (denominator == 0 ? 1 : denominator);
        return (precision, recall, f1);
    }

    private static void CheckZeroDivision(double zeroDivision)
    {
        if (zeroDivision is not (0.0 or 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(zeroDivision), zeroDivision, "zeroDivision must be 0 or 1 (scikit-learn 1.2's zero_division).");
        }
    }

    internal static int CheckClass(int label, int classCount, int row, string paramName) => label >= 0 && label < classCount
        ? label
        : throw new ArgumentException($"Row {row.ToString(CultureInfo.InvariantCulture)} has label {label.ToString(CultureInfo.InvariantCulture)}; expected a class in [0, {classCount.ToString(CultureInfo.InvariantCulture)}).", paramName);
}

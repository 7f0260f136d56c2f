namespace MultiTask.Evaluation;

/// <summary>
/// Evaluation metrics on plain arrays, with scikit-learn's definitions (sklearn.metrics, version 1.2).
/// </summary>
/// <remarks>
/// Every function checks that its arrays are non-empty and of equal length. The per-task evaluation of a model
/// calls these on the rows that have a label.
/// </remarks>
public static partial class Metrics
{
    /// <summary>The machine epsilon of double (numpy.finfo(float64).eps), scikit-learn's clipping and division guard.</summary>
    internal const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Mean squared error: mean((y − ŷ)²), as <c>sklearn.metrics.mean_squared_error</c>.</summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double MeanSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - predicted[i];
            sum += d * d;
        }

        return sum / actual.Length;
    }

    /// <summary>Root mean squared error: √MSE, as <c>mean_squared_error(squared=False)</c>.</summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double RootMeanSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
        => Math.Sqrt(MeanSquaredError(actual, predicted));

    /// <summary>Mean absolute error: mean(|y − ŷ|), as <c>sklearn.metrics.mean_absolute_error</c>.</summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double MeanAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>
    /// Coefficient of determination 1 − SS_res / SS_tot, as <c>sklearn.metrics.r2_score</c>: when the true values
    /// are constant it is 1 for a perfect prediction and 0 otherwise.
    /// </summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckPair(actual, predicted);
        double mean = 0;
        foreach (var y in actual)
        {
            mean += y;
        }

        mean /= actual.Length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double r = actual[i] - predicted[i];
            double t = actual[i] - mean;
            ssRes += r * r;
            ssTot += t * t;
        }

        if (ssTot == 0)
        {
            return ssRes == 0 ? 1.0 : 0.0;
        }

        return 1.0 - (ssRes / ssTot);
    }

    /// <summary>Fraction of labels predicted exactly, as <c>sklearn.metrics.accuracy_score</c>.</summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        CheckPair(actual, predicted);
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] == predicted[i])
            {
                correct++;
            }
        }

        return (double)correct / actual.Length;
    }

    /// <summary>
    /// Area under the ROC curve of a binary problem, as <c>sklearn.metrics.roc_auc_score</c>: the probability that a
    /// random positive scores above a random negative, ties counting one half (equal to the trapezoidal area).
    /// </summary>
    /// <param name="actual">True labels, 0 or 1; both must occur.</param>
    /// <param name="scores">Scores or probabilities of class 1, same length.</param>
    /// <exception cref="ArgumentException">Only one class is present, or a label is not 0 or 1.</exception>
    public static double RocAuc(ReadOnlySpan<int> actual, ReadOnlySpan<double> scores)
    {
        CheckPair(actual, scores);
        int n = actual.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        long positives = 0;
        double positiveRankSum = 0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            double averageRank = ((start + end) / 2.0) + 1.0;
            for (int k = start; k <= end; k++)
            {
                int label = actual[order[k]];
                if (label is not (0 or 1))
                {
                    throw new ArgumentException($"ROC AUC needs labels 0 or 1; row {order[k]} has {label}.", nameof(actual));
                }

                if (label == 1)
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("ROC AUC is undefined when only one class is present in the true labels.", nameof(actual));
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Binary log-loss −mean(y log p + (1 − y) log(1 − p)), as <c>sklearn.metrics.log_loss</c> with its default
    /// clipping of p to [ε, 1 − ε], ε the machine epsilon of double.
    /// </summary>
    /// <param name="actual">True labels, 0 or 1.</param>
    /// <param name="probabilities">Probabilities of class 1, same length.</param>
    public static double LogLoss(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities)
    {
        CheckPair(actual, probabilities);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], MachineEpsilon, 1 - MachineEpsilon);
            sum += actual[i] switch
            {
                1 => -Math.Log(p),
                0 => -Math.Log(1 - p),
                _ => throw new ArgumentException($"Log-loss needs labels 0 or 1; row {i} has {actual[i]}.", nameof(actual)),
            };
        }

        return sum / actual.Length;
    }

    /// <summary>
    /// Macro-averaged F1, as <c>sklearn.metrics.f1_score(average="macro")</c>: the unweighted mean over the labels that
    /// occur in either array of F1 = 2TP / (2TP + FP + FN).
    /// </summary>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    public static double MacroF1(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
        => F1(actual, predicted, MetricAverage.Macro);

    internal static void CheckPair<TA, TB>(ReadOnlySpan<TA> actual, ReadOnlySpan<TB> predicted)
    {
        if (actual.Length == 0)
        {
            throw new ArgumentException("Metrics need at least one row; the arrays are empty.", nameof(actual));
        }

        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"The true and predicted arrays differ in length: {actual.Length} vs {predicted.Length}.", nameof(predicted));
        }
    }
}

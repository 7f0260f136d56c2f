namespace MultiTask.Evaluation;

/// <summary>
/// The confusion matrix of a classification task, as <c>sklearn.metrics.confusion_matrix(labels=range(K))</c>:
/// cell [i, j] counts the rows of true class i predicted as class j.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    private ConfusionMatrix(long[,] counts)
    {
        _counts = counts;
    }

    /// <summary>The number of classes K (rows and columns).</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>The number of rows of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    /// <param name="trueClass">A class in [0, K).</param>
    /// <param name="predictedClass">A class in [0, K).</param>
    public long this[int trueClass, int predictedClass] => _counts[trueClass, predictedClass];

    /// <summary>Computes the matrix.</summary>
    /// <param name="actual">True labels in [0, classCount).</param>
    /// <param name="predicted">Predicted labels in [0, classCount), same length.</param>
    /// <param name="classCount">The number of classes K. Range: ≥ 2.</param>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        Metrics.CheckPair(actual, predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var counts = new long[classCount, classCount];
        for (int i = 0; i < actual.Length; i++)
        {
            counts[Metrics.CheckClass(actual[i], classCount, i, nameof(actual)), Metrics.CheckClass(predicted[i], classCount, i, nameof(predicted))]++;
        }

        return new ConfusionMatrix(counts);
    }

    /// <summary>A copy of the counts, [true class, predicted class].</summary>
    public long[,] Counts() => (long[,])_counts.Clone();

    /// <summary>
    /// The counts divided by their row totals, column totals or the grand total; a row or column with total 0 gives
    /// zeros (scikit-learn replaces the NaN of 0/0 by 0).
    /// </summary>
    /// <param name="normalization">Which totals divide.</param>
    public double[,] Normalized(ConfusionNormalization normalization)
    {
        int k = ClassCount;
        var result = new double[k, k];
        long all = 0;
        foreach (long c in _counts)
        {
            all += c;
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                long total = normalization switch
                {
                    ConfusionNormalization.True => Enumerable.Range(0, k).Sum(c => _counts[i, c]),
                    ConfusionNormalization.Predicted => Enumerable.Range(0, k).Sum(r => _counts[r, j]),
                    _ => all,
                };
                result[i, j] = total == 0 ? 0.0 : (double)_counts[i, j] / total;
            }
        }

        return result;
    }
}

namespace MultiTask.Prediction;

/// <summary>Predicted class probabilities and labels of a multiclass task.</summary>
public sealed class MulticlassPrediction : TaskPrediction
{
    internal MulticlassPrediction(TaskSpec task, ReadOnlySpan<float> logits)
        : base(task, logits.Length / task.ClassCount)
    {
        int classes = task.ClassCount;
        var probabilities = new double[RowCount][];
        var labels = new int[RowCount];
        for (int i = 0; i < RowCount; i++)
        {
            var row = logits.Slice(i * classes, classes);
            double max = double.NegativeInfinity;
            int argmax = 0;
            for (int k = 0; k < classes; k++)
            {
                if (row[k] > max)
                {
                    max = row[k];
                    argmax = k;
                }
            }

            var p = new double[classes];
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                p[k] = Math.Exp(row[k] - max);
                sum += p[k];
            }

            for (int k = 0; k < classes; k++)
            {
                p[k] /= sum;
            }

            probabilities[i] = p;
            labels[i] = argmax;
        }

        Probabilities = probabilities;
        Labels = labels;
    }

    /// <summary>For each row, the probability of each class (softmax of the logits; sums to 1).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Probabilities { get; }

    /// <summary>For each row, the most probable class (the first on ties).</summary>
    public IReadOnlyList<int> Labels { get; }
}

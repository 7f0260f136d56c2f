namespace MultiTask.Prediction;

/// <summary>Predicted probabilities and labels of a binary task.</summary>
public sealed class BinaryPrediction : TaskPrediction
{
    internal BinaryPrediction(TaskSpec task, ReadOnlySpan<float> logits)
        : base(task, logits.Length)
    {
        var probabilities = new double[logits.Length];
        var labels = new int[logits.Length];
        double threshold = task.DecisionThreshold;
        double thresholdLogit = Math.Log(threshold / (1 - threshold)); // exactly 0 for 0.5
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = 1.0 / (1.0 + Math.Exp(-(double)logits[i]));
            labels[i] = logits[i] > thresholdLogit ? 1 : 0;
        }

        Probabilities = probabilities;
        Labels = labels;
    }

    /// <summary>The probability of class 1 for each row: sigmoid of the head's logit.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The predicted label for each row: 1 when the probability exceeds the task's <see cref="TaskSpec.DecisionThreshold"/> (default 0.5), else 0.</summary>
    public IReadOnlyList<int> Labels { get; }
}

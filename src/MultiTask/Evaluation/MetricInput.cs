namespace MultiTask.Evaluation;

/// <summary>What a metric reads from the predictions.</summary>
public enum MetricInput
{
    /// <summary>Predicted real values (regression).</summary>
    Values,

    /// <summary>Predicted class labels (after the decision threshold of a binary task).</summary>
    Labels,

    /// <summary>Predicted probabilities or scores.</summary>
    Probabilities,
}

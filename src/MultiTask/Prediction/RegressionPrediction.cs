namespace MultiTask.Prediction;

/// <summary>Predicted values of a regression task.</summary>
public sealed class RegressionPrediction : TaskPrediction
{
    internal RegressionPrediction(TaskSpec task, float[] values)
        : base(task, values.Length)
    {
        Values = values;
    }

    /// <summary>One predicted value per row.</summary>
    public IReadOnlyList<float> Values { get; }
}

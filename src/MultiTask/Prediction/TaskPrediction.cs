namespace MultiTask.Prediction;

/// <summary>The predictions of one task for every input row.</summary>
public abstract class TaskPrediction
{
    private protected TaskPrediction(TaskSpec task, int rowCount)
    {
        Task = task;
        RowCount = rowCount;
    }

    /// <summary>The task predicted.</summary>
    public TaskSpec Task { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }
}

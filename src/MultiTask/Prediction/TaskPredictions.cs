namespace MultiTask.Prediction;

/// <summary>The predictions of every task of a model for a set of input rows.</summary>
public sealed class TaskPredictions
{
    private readonly Dictionary<string, TaskPrediction> _byName;

    internal TaskPredictions(IReadOnlyList<TaskPrediction> predictions, int rowCount)
    {
        Tasks = predictions;
        RowCount = rowCount;
        _byName = predictions.ToDictionary(p => p.Task.Name, StringComparer.Ordinal);
    }

    /// <summary>The number of input rows.</summary>
    public int RowCount { get; }

    /// <summary>The predictions in task order.</summary>
    public IReadOnlyList<TaskPrediction> Tasks { get; }

    /// <summary>The predictions of the named task.</summary>
    /// <param name="task">A task name of the model.</param>
    public TaskPrediction this[string task] => _byName.TryGetValue(task, out var p)
        ? p
        : throw new KeyNotFoundException($"Unknown task '{task}'; the model has tasks {string.Join(", ", _byName.Keys.Select(k => $"'{k}'"))}.");

    /// <summary>The predictions of a regression task.</summary>
    /// <param name="task">A regression task name of the model.</param>
    public RegressionPrediction Regression(string task) => As<RegressionPrediction>(task);

    /// <summary>The predictions of a binary task.</summary>
    /// <param name="task">A binary task name of the model.</param>
    public BinaryPrediction Binary(string task) => As<BinaryPrediction>(task);

    /// <summary>The predictions of a multiclass task.</summary>
    /// <param name="task">A multiclass task name of the model.</param>
    public MulticlassPrediction Multiclass(string task) => As<MulticlassPrediction>(task);

    private T As<T>(string task)
        where T : TaskPrediction
    {
        var prediction = this[task];
        return prediction as T ?? throw new InvalidOperationException($"Task '{task}' is a {prediction.Task.Kind} task; it has no {typeof(T).Name}.");
    }
}

using MultiTask.Prediction;

namespace MultiTask.Evaluation;

/// <summary>
/// The labelled rows of one task and their predictions: what an <see cref="IMetric"/> reads. Arrays are in the order
/// of <see cref="Rows"/>; those that do not apply to the task's kind are empty.
/// </summary>
public sealed class MetricData
{
    private readonly int[] _rows;
    private readonly double[] _actualValues;
    private readonly double[] _predictedValues;
    private readonly int[] _actualLabels;
    private readonly int[] _predictedLabels;
    private readonly double[] _scores;
    private readonly IReadOnlyList<double>[] _probabilities;

    private MetricData(TaskSpec task, int[] rows, double[] actualValues, double[] predictedValues, int[] actualLabels, int[] predictedLabels, double[] scores, IReadOnlyList<double>[] probabilities)
    {
        Task = task;
        _rows = rows;
        _actualValues = actualValues;
        _predictedValues = predictedValues;
        _actualLabels = actualLabels;
        _predictedLabels = predictedLabels;
        _scores = scores;
        _probabilities = probabilities;
    }

    /// <summary>The task.</summary>
    public TaskSpec Task { get; }

    /// <summary>The number of labelled rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The index of each labelled row in the evaluated dataset.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    /// <summary>The true values (regression).</summary>
    public ReadOnlySpan<double> ActualValues => _actualValues;

    /// <summary>The predicted values (regression).</summary>
    public ReadOnlySpan<double> PredictedValues => _predictedValues;

    /// <summary>The true class labels (binary and multiclass).</summary>
    public ReadOnlySpan<int> ActualLabels => _actualLabels;

    /// <summary>The predicted class labels (binary: after <see cref="TaskSpec.DecisionThreshold"/>; multiclass: the most probable class).</summary>
    public ReadOnlySpan<int> PredictedLabels => _predictedLabels;

    /// <summary>The predicted probability of class 1 (binary).</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>The predicted probability of each class per row (binary: [1 − p, p]; multiclass: the softmax).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Probabilities => _probabilities;

    /// <summary>The same data restricted to some of its rows (positions into these arrays, not dataset rows).</summary>
    /// <param name="positions">Positions in [0, <see cref="RowCount"/>).</param>
    public MetricData Subset(IReadOnlyList<int> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        T[] Pick<T>(T[] source) => source.Length == 0 ? source : positions.Select(p => source[p]).ToArray();
        return new MetricData(Task, Pick(_rows), Pick(_actualValues), Pick(_predictedValues), Pick(_actualLabels), Pick(_predictedLabels), Pick(_scores), Pick(_probabilities));
    }

    /// <summary>The labelled rows of a task: those whose target is not NaN.</summary>
    internal static MetricData From(TaskPrediction prediction, float[] values)
    {
        var rows = Enumerable.Range(0, values.Length).Where(i => !float.IsNaN(values[i])).ToArray();
        var task = prediction.Task;
        return prediction switch
        {
            RegressionPrediction r => new MetricData(task, rows, rows.Select(i => (double)values[i]).ToArray(), rows.Select(i => (double)r.Values[i]).ToArray(), [], [], [], []),
            BinaryPrediction b => new MetricData(task, rows, [], [], Labels(rows, values), rows.Select(i => b.Labels[i]).ToArray(), rows.Select(i => b.Probabilities[i]).ToArray(), rows.Select(i => (IReadOnlyList<double>)[1 - b.Probabilities[i], b.Probabilities[i]]).ToArray()),
            MulticlassPrediction m => new MetricData(task, rows, [], [], Labels(rows, values), rows.Select(i => m.Labels[i]).ToArray(), [], rows.Select(i => m.Probabilities[i]).ToArray()),
            _ => throw new ArgumentException($"Task '{task.Name}': unknown prediction type {prediction.GetType().Name}.", nameof(prediction)),
        };
    }

    private static int[] Labels(int[] rows, float[] values) => rows.Select(i => (int)values[i]).ToArray();
}

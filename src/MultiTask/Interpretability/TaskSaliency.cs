namespace MultiTask.Interpretability;

/// <summary>The gradient × input saliency of one task: one value per row and feature, and its mean magnitude per feature.</summary>
public sealed class TaskSaliency
{
    private readonly float[,] _values;
    private readonly double[] _meanAbsolute;

    internal TaskSaliency(TaskSpec task, float[,] values)
    {
        Task = task;
        _values = values;
        int rows = values.GetLength(0), features = values.GetLength(1);
        _meanAbsolute = new double[features];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < features; f++)
            {
                _meanAbsolute[f] += Math.Abs(values[i, f]);
            }
        }

        for (int f = 0; f < features && rows > 0; f++)
        {
            _meanAbsolute[f] /= rows;
        }
    }

    /// <summary>The task.</summary>
    public TaskSpec Task { get; }

    /// <summary>The number of rows explained.</summary>
    public int RowCount => _values.GetLength(0);

    /// <summary>The number of features.</summary>
    public int FeatureCount => _values.GetLength(1);

    /// <summary>Per feature, the mean over rows of |∂oₜ/∂x_f · x_f| (0 when there is no row): a global importance.</summary>
    public IReadOnlyList<double> MeanAbsolute => _meanAbsolute;

    /// <summary>The saliency ∂oₜ/∂x_f · x_f of one row and feature.</summary>
    /// <param name="row">A row index in [0, <see cref="RowCount"/>).</param>
    /// <param name="feature">A feature index in [0, <see cref="FeatureCount"/>).</param>
    public float this[int row, int feature] => _values[row, feature];

    /// <summary>A copy of every row's saliency, [<see cref="RowCount"/>, <see cref="FeatureCount"/>].</summary>
    public float[,] ToArray() => (float[,])_values.Clone();
}

namespace MultiTask.Data;

/// <summary>
/// The targets of one task: real values (regression, or binary as 0/1 with <see cref="float.NaN"/> for missing)
/// or integer class labels (binary or multiclass, with <see cref="TaskSpec.MissingClass"/> for missing).
/// </summary>
/// <remarks>Arrays convert implicitly, so <c>[price, churn]</c> with a <c>float[]</c> and an <c>int[]</c> is a valid target list.</remarks>
public sealed class TaskTargets
{
    private TaskTargets(float[]? values, int[]? labels)
    {
        Values = values;
        Labels = labels;
    }

    /// <summary>Real-valued targets, or null when the targets are class labels.</summary>
    public float[]? Values { get; }

    /// <summary>Class labels, or null when the targets are real values.</summary>
    public int[]? Labels { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Values?.Length ?? Labels!.Length;

    /// <summary>Real-valued targets; <see cref="float.NaN"/> marks a missing label.</summary>
    /// <param name="values">One value per row; not null.</param>
    public static TaskTargets FromValues(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TaskTargets(values, null);
    }

    /// <summary>Real-valued targets from doubles (converted to float32); <see cref="double.NaN"/> marks a missing label.</summary>
    /// <param name="values">One value per row; not null; finite values within float32's range.</param>
    /// <exception cref="ArgumentException">A finite value is beyond float32's range; the message names its row.</exception>
    public static TaskTargets FromValues(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int beyond = Array.FindIndex(values, v => double.IsFinite(v) && Math.Abs(v) > float.MaxValue);
        if (beyond >= 0)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Target value {values[beyond]} at row {beyond} is outside float32's range ±3.4028235E+38 (it would become infinite); scale the targets."), nameof(values));
        }

        return new TaskTargets(Array.ConvertAll(values, v => (float)v), null);
    }

    /// <summary>Class labels; <see cref="TaskSpec.MissingClass"/> (−1) marks a missing label.</summary>
    /// <param name="labels">One label per row; not null.</param>
    public static TaskTargets FromLabels(int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new TaskTargets(null, labels);
    }

    /// <summary>Converts real values; see <see cref="FromValues(float[])"/>.</summary>
    /// <param name="values">One value per row.</param>
    public static implicit operator TaskTargets(float[] values) => FromValues(values);

    /// <summary>Converts real values; see <see cref="FromValues(double[])"/>.</summary>
    /// <param name="values">One value per row.</param>
    public static implicit operator TaskTargets(double[] values) => FromValues(values);

    /// <summary>Converts class labels; see <see cref="FromLabels(int[])"/>.</summary>
    /// <param name="labels">One label per row.</param>
    public static implicit operator TaskTargets(int[] labels) => FromLabels(labels);

    /// <summary>
    /// Checks the targets against their task and writes them as float32 values (class labels as their index) into
    /// column <paramref name="column"/> of a row-major [rows, <paramref name="columns"/>] array, with NaN for a missing label.
    /// </summary>
    internal void WriteColumn(TaskSpec task, float[] values, int column, int columns)
    {
        for (int i = 0; i < RowCount; i++)
        {
            float v;
            bool missing;
            if (Values is not null)
            {
                v = Values[i];
                missing = float.IsNaN(v);
                if (!missing && float.IsInfinity(v))
                {
                    throw new ArgumentException($"Targets for task '{task.Name}' contain {v} at row {i}; use NaN to mark a missing label.", "targets");
                }

                if (!missing && task.Kind != TaskKind.Regression && v != MathF.Round(v))
                {
                    throw new ArgumentException($"Targets for task '{task.Name}' ({task.Kind}) must be class labels; row {i} has {v}.", "targets");
                }
            }
            else
            {
                int label = Labels![i];
                missing = label == TaskSpec.MissingClass;
                v = label;
                if (task.Kind == TaskKind.Regression)
                {
                    throw new ArgumentException($"Targets for regression task '{task.Name}' must be real values (float[] or double[]), not class labels.", "targets");
                }
            }

            if (!missing && task.Kind != TaskKind.Regression && (v < 0 || v >= task.ClassCount))
            {
                throw new ArgumentOutOfRangeException("targets", $"Class label {v} at row {i} of task '{task.Name}' is out of range: expected 0 to {task.ClassCount - 1}, or {TaskSpec.MissingClass} for a missing label.");
            }

            values[(i * columns) + column] = missing ? float.NaN : v;
        }
    }
}

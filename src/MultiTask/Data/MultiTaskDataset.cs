using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data;

/// <summary>
/// Inputs plus one target column per task, preloaded once into tensors. Rows may lack labels for some tasks:
/// a missing label is masked out of that task's loss and metrics.
/// </summary>
/// <remarks>
/// The dataset owns its tensors (detached from every dispose scope) and frees them in <see cref="Dispose"/>,
/// which is idempotent. Datasets returned by <see cref="Subset"/>, <see cref="SelectTasks"/> and the split methods
/// are independent copies that must be disposed too.
/// </remarks>
public sealed class MultiTaskDataset : IDisposable
{
    private readonly TaskSpec[] _tasks;
    private Tensor? _inputs;
    private Tensor? _targets;
    private Tensor? _mask;

    private MultiTaskDataset(TaskSpec[] tasks, InputKind inputKind, Tensor inputs, Tensor targets, Tensor mask, int? paddingId = null)
    {
        _tasks = tasks;
        PaddingId = paddingId;
        InputKind = inputKind;
        _inputs = inputs.DetachFromDisposeScope();
        _targets = targets.DetachFromDisposeScope();
        _mask = mask.DetachFromDisposeScope();
        Count = (int)inputs.shape[0];
        InputWidth = (int)inputs.shape[1];
    }

    /// <summary>The tasks, in the order of the target columns.</summary>
    public IReadOnlyList<TaskSpec> Tasks => _tasks;

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>What a row of input is.</summary>
    public InputKind InputKind { get; }

    /// <summary>The number of features (for <see cref="InputKind.Features"/>) or the padded sequence length (for <see cref="InputKind.Tokens"/>).</summary>
    public int InputWidth { get; }

    /// <summary>The token id that pads sequences (for <see cref="InputKind.Tokens"/>); null for feature inputs.</summary>
    public int? PaddingId { get; }

    /// <summary>The inputs, [rows, width]: float32 features or int64 token ids. Owned by the dataset; do not dispose.</summary>
    public Tensor Inputs => _inputs ?? throw Disposed();

    /// <summary>The targets, [rows, tasks] float32; class labels are stored as their index and missing labels as 0. Owned by the dataset.</summary>
    public Tensor Targets => _targets ?? throw Disposed();

    /// <summary>The label mask, [rows, tasks] float32: 1 where the row has a label for the task, 0 where it is missing. Owned by the dataset.</summary>
    public Tensor Mask => _mask ?? throw Disposed();

    /// <summary>Builds a dataset from a feature matrix and one target array per task.</summary>
    /// <param name="features">[rows, features]; every value finite.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or a label is invalid; the message names the task, row or column.</exception>
    public static MultiTaskDataset FromArrays(float[,] features, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        var flat = new float[rows * columns];
        if (rows * columns > 0)
        {
            MemoryMarshal.CreateReadOnlySpan(ref features[0, 0], rows * columns).CopyTo(flat);
        }

        return FromFlatFeatures(flat, rows, columns, tasks, targets);
    }

    /// <summary>Builds a dataset from feature rows and one target array per task.</summary>
    /// <param name="features">One array per row, all of the same length; every value finite.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or a label is invalid; the message names the task, row or column.</exception>
    public static MultiTaskDataset FromArrays(float[][] features, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        var (flat, columns) = InputArrays.Flatten(features);
        return FromFlatFeatures(flat, features.Length, columns, tasks, targets);
    }

    /// <summary>Builds a dataset of token-id sequences (for a text trunk) and one target array per task.</summary>
    /// <param name="tokenIds">One sequence of token ids per row; ids ≥ 0. Sequences are padded with <paramref name="paddingId"/> (or cut) to a common length.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <param name="paddingId">The id that pads short sequences. Default: 0.</param>
    /// <param name="maxLength">The padded length; sequences longer than this are cut. Default: the longest sequence.</param>
    public static MultiTaskDataset FromTokens(int[][] tokenIds, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets, int paddingId = 0, int? maxLength = null)
    {
        var (flat, length) = InputArrays.PadTokens(tokenIds, paddingId, maxLength);
        TorchRuntime.EnsureLoaded();
        var (values, mask, taskArray) = BuildTargets(tasks, targets, tokenIds.Length);
        return new MultiTaskDataset(
            taskArray,
            InputKind.Tokens,
            torch.tensor(flat, [tokenIds.Length, length]),
            torch.tensor(values, [tokenIds.Length, taskArray.Length]),
            torch.tensor(mask, [tokenIds.Length, taskArray.Length]),
            paddingId);
    }

    /// <summary>The number of rows that have a label for the task.</summary>
    /// <param name="task">A task name of this dataset.</param>
    public int LabelCount(string task)
    {
        int column = ColumnOf(task);
        using var scope = torch.NewDisposeScope();
        return (int)Mask.select(1, column).sum().item<float>();
    }

    /// <summary>A copy of the feature matrix, [<see cref="Count"/>, <see cref="InputWidth"/>].</summary>
    /// <exception cref="InvalidOperationException">The dataset holds tokens.</exception>
    public float[,] GetFeatures()
    {
        if (InputKind != InputKind.Features)
        {
            throw new InvalidOperationException($"The dataset holds {InputKind}, not features.");
        }

        var features = new float[Count, InputWidth];
        using var scope = torch.NewDisposeScope();
        var flat = Inputs.contiguous().data<float>().ToArray();
        Buffer.BlockCopy(flat, 0, features, 0, flat.Length * sizeof(float));
        return features;
    }

    /// <summary>The targets of a task as real values, with <see cref="float.NaN"/> where the label is missing.</summary>
    /// <param name="task">A task name of this dataset.</param>
    public float[] GetValues(string task)
    {
        int column = ColumnOf(task);
        using var scope = torch.NewDisposeScope();
        var values = Targets.select(1, column).contiguous().data<float>().ToArray();
        var mask = Mask.select(1, column).contiguous().data<float>().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (mask[i] == 0)
            {
                values[i] = float.NaN;
            }
        }

        return values;
    }

    /// <summary>The targets of a classification task as labels, with <see cref="TaskSpec.MissingClass"/> where the label is missing.</summary>
    /// <param name="task">A binary or multiclass task name of this dataset.</param>
    public int[] GetLabels(string task) => Array.ConvertAll(GetValues(task), v => float.IsNaN(v) ? TaskSpec.MissingClass : (int)v);

    /// <summary>A copy holding the given rows, in the given order.</summary>
    /// <param name="rows">Row indices, each in [0, <see cref="Count"/>); at least one.</param>
    public MultiTaskDataset Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A subset needs at least one row.", nameof(rows));
        }

        var index = new long[rows.Count];
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row index {rows[i]} at position {i} is outside the dataset's {Count} rows.");
            }

            index[i] = rows[i];
        }

        using var scope = torch.NewDisposeScope();
        var idx = torch.tensor(index);
        return new MultiTaskDataset(_tasks, InputKind, Inputs.index_select(0, idx), Targets.index_select(0, idx), Mask.index_select(0, idx), PaddingId);
    }

    /// <summary>A copy with the same tasks and targets over new features (for example a permuted or transformed feature matrix).</summary>
    /// <param name="features">[<see cref="Count"/>, any width]; every value finite.</param>
    /// <exception cref="ArgumentException">The dataset holds tokens, the row count differs, or a value is NaN or infinite.</exception>
    public MultiTaskDataset WithFeatures(float[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (InputKind != InputKind.Features)
        {
            throw new ArgumentException($"The dataset holds {InputKind}; only a feature dataset can take new features.", nameof(features));
        }

        if (features.GetLength(0) != Count)
        {
            throw new ArgumentException($"Expected {Count} rows of features (one per dataset row); got {features.GetLength(0)}.", nameof(features));
        }

        var flat = new float[features.Length];
        Buffer.BlockCopy(features, 0, flat, 0, features.Length * sizeof(float));
        InputArrays.CheckFinite(flat, Math.Max(features.GetLength(1), 1));
        using var scope = torch.NewDisposeScope();
        return WithTensors(torch.tensor(flat, [Count, features.GetLength(1)]), Targets.clone(), Mask.clone());
    }

    /// <summary>A copy in which the given rows have no label for the given tasks (their inputs and other labels are kept).</summary>
    /// <param name="rows">Row indices, each in [0, <see cref="Count"/>).</param>
    /// <param name="tasks">Task names of this dataset.</param>
    public MultiTaskDataset WithoutLabels(IReadOnlyList<int> rows, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(tasks);
        var columns = tasks.Select(ColumnOf).ToArray();
        using var scope = torch.NewDisposeScope();
        var mask = Mask.clone();
        var values = mask.data<float>();
        for (int i = 0; i < rows.Count; i++)
        {
            if ((uint)rows[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row index {rows[i]} at position {i} is outside the dataset's {Count} rows.");
            }

            foreach (int column in columns)
            {
                values[rows[i], column] = 0f;
            }
        }

        return WithTensors(Inputs.clone(), Targets.clone(), mask);
    }

    /// <summary>A copy with only the named tasks (same rows and inputs), for example to train a single-task baseline.</summary>
    /// <param name="taskNames">Task names of this dataset; at least one.</param>
    public MultiTaskDataset SelectTasks(params string[] taskNames)
    {
        ArgumentNullException.ThrowIfNull(taskNames);
        if (taskNames.Length == 0)
        {
            throw new ArgumentException("Select at least one task.", nameof(taskNames));
        }

        var columns = taskNames.Select(t => (long)ColumnOf(t)).ToArray();
        var tasks = columns.Select(c => _tasks[c]).ToArray();
        TaskSpec.CheckTasks(tasks, nameof(taskNames));
        using var scope = torch.NewDisposeScope();
        var idx = torch.tensor(columns);
        return new MultiTaskDataset(tasks, InputKind, Inputs.clone(), Targets.index_select(1, idx), Mask.index_select(1, idx), PaddingId);
    }

    /// <summary>
    /// Splits the rows at random (reproducibly for a seed) into a training and a test part, as scikit-learn's
    /// <c>train_test_split</c>: the test part has ⌈fraction × rows⌉ rows.
    /// </summary>
    /// <param name="testFraction">Range: (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public DatasetSplit TrainTestSplit(double testFraction, int seed)
    {
        CheckFraction(testFraction, nameof(testFraction));
        var order = Shuffled(seed);
        int test = PartSize(testFraction, nameof(testFraction));
        return new DatasetSplit(SubsetOf(order, test, Count - test, "training"), null, SubsetOf(order, 0, test, "test"));
    }

    /// <summary>Splits the rows at random (reproducibly for a seed) into training, validation and test parts.</summary>
    /// <param name="validationFraction">Range: (0, 1). The validation part has ⌈fraction × rows⌉ rows.</param>
    /// <param name="testFraction">Range: (0, 1). The test part has ⌈fraction × rows⌉ rows.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public DatasetSplit TrainValidationTestSplit(double validationFraction, double testFraction, int seed)
    {
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        var order = Shuffled(seed);
        int test = PartSize(testFraction, nameof(testFraction));
        int validation = PartSize(validationFraction, nameof(validationFraction));
        int train = Count - test - validation;
        if (train <= 0)
        {
            throw new ArgumentException($"The validation ({validation}) and test ({test}) parts leave no training rows out of {Count}.", nameof(validationFraction));
        }

        return new DatasetSplit(
            SubsetOf(order, test + validation, train, "training"),
            SubsetOf(order, test, validation, "validation"),
            SubsetOf(order, 0, test, "test"));
    }

    /// <summary>Frees the tensors. Idempotent.</summary>
    public void Dispose()
    {
        _inputs?.Dispose();
        _targets?.Dispose();
        _mask?.Dispose();
        _inputs = _targets = _mask = null;
    }

    /// <summary>A dataset over new tensors (detached and owned by it) with this dataset's tasks, input kind and padding id.</summary>
    internal MultiTaskDataset WithTensors(Tensor inputs, Tensor targets, Tensor mask) => new(_tasks, InputKind, inputs, targets, mask, PaddingId);

    /// <summary>The column of a task, or an exception that names the unknown task and the known ones.</summary>
    internal int ColumnOf(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        int column = Array.FindIndex(_tasks, t => t.Name == task);
        if (column < 0)
        {
            throw new ArgumentException($"Unknown task '{task}'; this dataset has tasks {string.Join(", ", _tasks.Select(t => $"'{t.Name}'"))}.", nameof(task));
        }

        return column;
    }

    private static MultiTaskDataset FromFlatFeatures(float[] flat, int rows, int columns, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        InputArrays.CheckFinite(flat, columns);
        if (columns == 0 && rows > 0)
        {
            throw new ArgumentException("The feature matrix has no columns.", "features");
        }

        TorchRuntime.EnsureLoaded();
        var (values, mask, taskArray) = BuildTargets(tasks, targets, rows);
        return new MultiTaskDataset(
            taskArray,
            InputKind.Features,
            torch.tensor(flat, [rows, columns]),
            torch.tensor(values, [rows, taskArray.Length]),
            torch.tensor(mask, [rows, taskArray.Length]));
    }

    private static (float[] Values, float[] Mask, TaskSpec[] Tasks) BuildTargets(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets, int rows)
    {
        TaskSpec.CheckTasks(tasks, nameof(tasks));
        ArgumentNullException.ThrowIfNull(targets);
        if (rows == 0)
        {
            throw new ArgumentException("The dataset is empty: the inputs have 0 rows.", "features");
        }

        if (targets.Count != tasks.Count)
        {
            throw new ArgumentException($"Expected one target array per task ({tasks.Count}: {string.Join(", ", tasks.Select(t => t.Name))}); got {targets.Count}.", nameof(targets));
        }

        var values = new float[rows * tasks.Count];
        var mask = new float[rows * tasks.Count];
        for (int t = 0; t < tasks.Count; t++)
        {
            var target = targets[t] ?? throw new ArgumentException($"Targets for task '{tasks[t].Name}' are null.", nameof(targets));
            if (target.Count != rows)
            {
                throw new ArgumentException($"Targets for task '{tasks[t].Name}' must have {rows} rows (one per input row); got {target.Count}.", nameof(targets));
            }

            target.WriteColumn(tasks[t], values, mask, t, tasks.Count);
        }

        return (values, mask, tasks.ToArray());
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, "A split fraction must be strictly between 0 and 1.");
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(MultiTaskDataset));

    private int PartSize(double fraction, string name)
    {
        int size = (int)Math.Ceiling(fraction * Count);
        if (size >= Count)
        {
            throw new ArgumentException($"A fraction of {fraction} of {Count} rows leaves no rows for the other parts.", name);
        }

        return size;
    }

    private int[] Shuffled(int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private MultiTaskDataset SubsetOf(int[] order, int start, int length, string part)
    {
        if (length <= 0)
        {
            throw new ArgumentException($"The {part} part would be empty: {Count} rows are too few for this split.");
        }

        return Subset(new ArraySegment<int>(order, start, length));
    }
}

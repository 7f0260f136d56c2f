using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data;

/// <summary>
/// Inputs plus one target column per task. Rows may lack labels for some tasks: a missing label is masked out of that
/// task's loss and metrics.
/// </summary>
/// <remarks>
/// <para>
/// Memory: the inputs are copied once, into one tensor; the targets stay in a small host array (rows × tasks floats),
/// so label counts, values and metrics never read tensors back. Training and evaluation gather each batch from the
/// input tensor with <c>index_select</c>.
/// </para>
/// <para>
/// Ownership: a dataset built by <see cref="FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>,
/// <see cref="FromTokens"/> or <see cref="WithFeatures"/> owns its input tensor; dispose it (idempotent). Datasets
/// derived from it — <see cref="Subset"/>, <see cref="SelectTasks"/>, <see cref="WithoutLabels"/> and the parts of
/// <see cref="TrainTestSplit"/> and <see cref="TrainValidationTestSplit"/> — are views: row indices and their own
/// targets over the same input tensor, with no copy of the inputs. They need no disposal (disposing one only makes it
/// unusable) and cannot be used once the dataset that owns the inputs is disposed.
/// </para>
/// </remarks>
public sealed class MultiTaskDataset : IDisposable
{
    private readonly TaskSpec[] _tasks;
    private readonly InputStorage _storage;
    private readonly bool _ownsStorage;
    private readonly int[]? _rows;
    private readonly float[] _values;
    private bool _disposed;

    // rows: the storage row of each row of this dataset, null when the dataset is the storage's rows in order.
    // values: row-major [rows, tasks] targets, NaN where a label is missing; owned by this dataset.
    private MultiTaskDataset(TaskSpec[] tasks, InputStorage storage, bool ownsStorage, int[]? rows, float[] values)
    {
        _tasks = tasks;
        _storage = storage;
        _ownsStorage = ownsStorage;
        _rows = rows;
        _values = values;
        RowCount = rows?.Length ?? storage.RowCount;
    }

    /// <summary>The tasks, in the order of the target columns.</summary>
    public IReadOnlyList<TaskSpec> Tasks => _tasks;

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>What a row of input is.</summary>
    public InputKind InputKind => _storage.Kind;

    /// <summary>The number of features (for <see cref="InputKind.Features"/>) or the padded sequence length (for <see cref="InputKind.Tokens"/>).</summary>
    public int InputWidth => _storage.Width;

    /// <summary>The token id that pads sequences (for <see cref="InputKind.Tokens"/>); null for feature inputs.</summary>
    public int? PaddingId => _storage.PaddingId;

    /// <summary>Whether this dataset owns its input tensor (built from arrays) rather than sharing that of the dataset it was derived from.</summary>
    public bool OwnsInputs => _ownsStorage;

    /// <summary>The input tensor; rows are <see cref="InputRows"/> (or all, in order). Owned by the root dataset.</summary>
    internal Tensor InputTensor
    {
        get
        {
            ThrowIfDisposed();
            return _storage.Tensor;
        }
    }

    /// <summary>The row of <see cref="InputTensor"/> of each row of this dataset; null when they are all its rows, in order.</summary>
    internal int[]? InputRows => _rows;

    /// <summary>The targets, row-major [rows, tasks], NaN where a label is missing. Do not modify.</summary>
    internal float[] Values => _values;

    /// <summary>Builds a dataset from a feature matrix and one target array per task. The features are copied once, into a tensor the dataset owns.</summary>
    /// <param name="features">[rows, features]; every value finite.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or a label is invalid; the message names the task, row or column.</exception>
    public static MultiTaskDataset FromArrays(float[,] features, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        return Root(InputArrays.Features(features), InputKind.Features, null, tasks, targets);
    }

    /// <summary>Builds a dataset from feature rows and one target array per task. The features are copied once, into a tensor the dataset owns.</summary>
    /// <param name="features">One array per row, all of the same length; every value finite.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or a label is invalid; the message names the task, row or column.</exception>
    public static MultiTaskDataset FromArrays(float[][] features, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        return Root(InputArrays.Features(features), InputKind.Features, null, tasks, targets);
    }

    /// <summary>Builds a dataset of token-id sequences (for a text trunk) and one target array per task.</summary>
    /// <param name="tokenIds">One sequence of token ids per row; ids ≥ 0; the padding id only at the end. Sequences are padded with <paramref name="paddingId"/> (or cut) to a common length.</param>
    /// <param name="tasks">The tasks; names unique.</param>
    /// <param name="targets">One target array per task, in the order of <paramref name="tasks"/>, each with one entry per row.</param>
    /// <param name="paddingId">The id that pads short sequences. Default: 0.</param>
    /// <param name="maxLength">The padded length; sequences longer than this are cut. Default: the longest sequence.</param>
    public static MultiTaskDataset FromTokens(int[][] tokenIds, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets, int paddingId = 0, int? maxLength = null)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        return Root(InputArrays.Tokens(tokenIds, paddingId, maxLength), InputKind.Tokens, paddingId, tasks, targets);
    }

    /// <summary>The number of rows that have a label for the task.</summary>
    /// <param name="task">A task name of this dataset.</param>
    public int LabelCount(string task)
    {
        int column = ColumnOf(task);
        int count = 0;
        for (int i = column; i < _values.Length; i += _tasks.Length)
        {
            count += float.IsNaN(_values[i]) ? 0 : 1;
        }

        return count;
    }

    /// <summary>A copy of the feature matrix, [<see cref="RowCount"/>, <see cref="InputWidth"/>].</summary>
    /// <exception cref="InvalidOperationException">The dataset holds tokens.</exception>
    public float[,] GetFeatures()
    {
        if (InputKind != InputKind.Features)
        {
            throw new InvalidOperationException($"The dataset holds {InputKind}, not features.");
        }

        var features = new float[RowCount, InputWidth];
        var target = MemoryMarshal.CreateSpan(ref features[0, 0], features.Length);
        int chunk = Math.Max(1, (1 << 24) / InputWidth);
        for (int start = 0; start < RowCount; start += chunk)
        {
            // At most 64 MiB of rows at a time: a narrowed view of the inputs, or a gathered copy of a view's rows.
            int count = Math.Min(chunk, RowCount - start);
            using var scope = torch.NewDisposeScope();
            var part = _rows is null
                ? InputTensor.narrow(0, start, count)
                : InputTensor.index_select(0, torch.tensor(Array.ConvertAll(_rows[start..(start + count)], r => (long)r)));
            MemoryMarshal.Cast<byte, float>(part.bytes).CopyTo(target.Slice(start * InputWidth, count * InputWidth));
        }

        return features;
    }

    /// <summary>The targets of a task as real values, with <see cref="float.NaN"/> where the label is missing.</summary>
    /// <param name="task">A task name of this dataset.</param>
    public float[] GetValues(string task) => Column(ColumnOf(task));

    /// <summary>The targets of a classification task as labels, with <see cref="TaskSpec.MissingClass"/> where the label is missing.</summary>
    /// <param name="task">A binary or multiclass task name of this dataset.</param>
    /// <exception cref="ArgumentException">The task is a regression task (its values are not labels; use <see cref="GetValues"/>).</exception>
    public int[] GetLabels(string task)
    {
        int column = ColumnOf(task);
        if (_tasks[column].Kind == TaskKind.Regression)
        {
            throw new ArgumentException($"Task '{task}' is a regression task: its targets are real values, not class labels. Use GetValues(\"{task}\").", nameof(task));
        }

        return Array.ConvertAll(Column(column), v => float.IsNaN(v) ? TaskSpec.MissingClass : (int)v);
    }

    /// <summary>
    /// Gathers rows into new tensors in the caller's dispose scope (for a hand-written training loop): the inputs
    /// [n, <see cref="InputWidth"/>], the targets [n, tasks] float32 (class labels as their index, missing labels as 0)
    /// and the label mask [n, tasks] float32 (1 where the row has a label for the task, 0 where it is missing).
    /// </summary>
    /// <param name="rows">Row indices, each in [0, <see cref="RowCount"/>).</param>
    public (Tensor Inputs, Tensor Targets, Tensor Mask) GetBatch(ReadOnlySpan<int> rows)
    {
        var index = new long[rows.Length];
        var values = new float[rows.Length * _tasks.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            CheckRow(rows[i], i, nameof(rows));
            index[i] = _rows?[rows[i]] ?? rows[i];
            _values.AsSpan(rows[i] * _tasks.Length, _tasks.Length).CopyTo(values.AsSpan(i * _tasks.Length));
        }

        var (targets, mask) = TargetTensors.From(values, rows.Length, _tasks.Length);
        return (InputTensor.index_select(0, torch.tensor(index)), targets, mask);
    }

    /// <summary>The given rows, in the given order, as a view that shares this dataset's inputs (see the remarks on ownership).</summary>
    /// <param name="rows">Row indices, each in [0, <see cref="RowCount"/>); at least one.</param>
    public MultiTaskDataset Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ThrowIfDisposed();
        if (rows.Count == 0)
        {
            throw new ArgumentException("A subset needs at least one row.", nameof(rows));
        }

        int columns = _tasks.Length;
        var storageRows = new int[rows.Count];
        var values = new float[rows.Count * columns];
        for (int i = 0; i < storageRows.Length; i++)
        {
            int row = rows[i];
            CheckRow(row, i, nameof(rows));
            storageRows[i] = _rows?[row] ?? row;
            _values.AsSpan(row * columns, columns).CopyTo(values.AsSpan(i * columns));
        }

        return new MultiTaskDataset(_tasks, _storage, false, storageRows, values);
    }

    /// <summary>A new dataset with the same tasks and targets over new features (for example a permuted or transformed feature matrix). It owns a copy of the features: dispose it.</summary>
    /// <param name="features">[<see cref="RowCount"/>, any width]; every value finite.</param>
    /// <exception cref="ArgumentException">The dataset holds tokens, the row count differs, or a value is NaN or infinite.</exception>
    public MultiTaskDataset WithFeatures(float[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        ThrowIfDisposed();
        if (InputKind != InputKind.Features)
        {
            throw new ArgumentException($"The dataset holds {InputKind}; only a feature dataset can take new features.", nameof(features));
        }

        if (features.GetLength(0) != RowCount)
        {
            throw new ArgumentException($"Expected {RowCount} rows of features (one per dataset row); got {features.GetLength(0)}.", nameof(features));
        }

        using var scope = torch.NewDisposeScope();
        return new MultiTaskDataset(_tasks, new InputStorage(InputArrays.Features(features), InputKind.Features, null), true, null, (float[])_values.Clone());
    }

    /// <summary>A view (sharing this dataset's inputs) in which the given rows have no label for the given tasks; their inputs and other labels are kept.</summary>
    /// <param name="rows">Row indices, each in [0, <see cref="RowCount"/>).</param>
    /// <param name="tasks">Task names of this dataset.</param>
    public MultiTaskDataset WithoutLabels(IReadOnlyList<int> rows, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(tasks);
        ThrowIfDisposed();
        var columns = tasks.Select(ColumnOf).ToArray();
        var values = (float[])_values.Clone();
        for (int i = 0; i < rows.Count; i++)
        {
            CheckRow(rows[i], i, nameof(rows));
            foreach (int column in columns)
            {
                values[(rows[i] * _tasks.Length) + column] = float.NaN;
            }
        }

        return new MultiTaskDataset(_tasks, _storage, false, _rows, values);
    }

    /// <summary>
    /// A view with only the named tasks, in the given order (same rows, sharing this dataset's inputs), for example to
    /// train a single-task baseline.
    /// </summary>
    /// <param name="taskNames">Task names of this dataset; at least one.</param>
    public MultiTaskDataset SelectTasks(params string[] taskNames)
    {
        ArgumentNullException.ThrowIfNull(taskNames);
        ThrowIfDisposed();
        if (taskNames.Length == 0)
        {
            throw new ArgumentException("Select at least one task.", nameof(taskNames));
        }

        var columns = taskNames.Select(ColumnOf).ToArray();
        var tasks = columns.Select(c => _tasks[c]).ToArray();
        TaskSpec.CheckTasks(tasks, nameof(taskNames));
        var values = new float[RowCount * columns.Length];
        for (int i = 0; i < RowCount; i++)
        {
            for (int t = 0; t < columns.Length; t++)
            {
                values[(i * columns.Length) + t] = _values[(i * _tasks.Length) + columns[t]];
            }
        }

        return new MultiTaskDataset(tasks, _storage, false, _rows, values);
    }

    /// <summary>
    /// Splits the rows at random (reproducibly for a seed) into a training and a test part, as scikit-learn's
    /// <c>train_test_split</c>: the test part has ⌈fraction × rows⌉ rows. The parts are views that share this
    /// dataset's inputs (no copy); they need no disposal.
    /// </summary>
    /// <param name="testFraction">Range: (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public DatasetSplit TrainTestSplit(double testFraction, int seed)
    {
        CheckFraction(testFraction, nameof(testFraction));
        var order = Shuffled(seed);
        int test = PartSize(testFraction, nameof(testFraction));
        return new DatasetSplit(SubsetOf(order, test, RowCount - test, "training"), null, SubsetOf(order, 0, test, "test"));
    }

    /// <summary>
    /// Splits the rows at random (reproducibly for a seed) into training, validation and test parts. The parts are
    /// views that share this dataset's inputs (no copy); they need no disposal.
    /// </summary>
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
        int train = RowCount - test - validation;
        if (train <= 0)
        {
            throw new ArgumentException($"The validation ({validation}) and test ({test}) parts leave no training rows out of {RowCount}.", nameof(validationFraction));
        }

        return new DatasetSplit(
            SubsetOf(order, test + validation, train, "training"),
            SubsetOf(order, test, validation, "validation"),
            SubsetOf(order, 0, test, "test"));
    }

    /// <summary>
    /// For a dataset that owns its inputs: frees the input tensor, after which the datasets derived from it cannot be
    /// used either. For a view: makes the view unusable and frees nothing. Idempotent.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        if (_ownsStorage)
        {
            _storage.Dispose();
        }
    }

    /// <summary>The column of a task, or an exception that names the unknown task and the known ones.</summary>
    internal int ColumnOf(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ThrowIfDisposed();
        int column = Array.FindIndex(_tasks, t => t.Name == task);
        if (column < 0)
        {
            throw new ArgumentException($"Unknown task '{task}'; this dataset has tasks {string.Join(", ", _tasks.Select(t => $"'{t.Name}'"))}.", nameof(task));
        }

        return column;
    }

    /// <summary>A copy of one target column, NaN where a label is missing.</summary>
    internal float[] Column(int column)
    {
        var values = new float[RowCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = _values[(i * _tasks.Length) + column];
        }

        return values;
    }

    /// <summary>The largest token id in this dataset's rows (token datasets).</summary>
    internal long MaxTokenId()
    {
        using var scope = torch.NewDisposeScope();
        var inputs = _rows is null ? InputTensor : InputTensor.index_select(0, torch.tensor(Array.ConvertAll(_rows, r => (long)r)));
        return inputs.max().item<long>();
    }

    /// <summary>A dataset that owns new inputs (a tensor in the caller's dispose scope, detached here) and checked targets.</summary>
    private static MultiTaskDataset Root(Tensor inputs, InputKind kind, int? paddingId, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        var (values, taskArray) = BuildTargets(tasks, targets, (int)inputs.shape[0], (int)inputs.shape[1]);
        return new MultiTaskDataset(taskArray, new InputStorage(inputs, kind, paddingId), true, null, values);
    }

    /// <summary>Checks the targets and lays them out row-major [rows, tasks] with NaN for a missing label.</summary>
    private static (float[] Values, TaskSpec[] Tasks) BuildTargets(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets, int rows, int columns)
    {
        TaskSpec.CheckTasks(tasks, nameof(tasks));
        ArgumentNullException.ThrowIfNull(targets);
        if (rows == 0)
        {
            throw new ArgumentException("The dataset is empty: the inputs have 0 rows.", "features");
        }

        if (columns == 0)
        {
            throw new ArgumentException("The feature matrix has no columns.", "features");
        }

        if (targets.Count != tasks.Count)
        {
            throw new ArgumentException($"Expected one target array per task ({tasks.Count}: {string.Join(", ", tasks.Select(t => t.Name))}); got {targets.Count}.", nameof(targets));
        }

        var values = new float[rows * tasks.Count];
        for (int t = 0; t < tasks.Count; t++)
        {
            var target = targets[t] ?? throw new ArgumentException($"Targets for task '{tasks[t].Name}' are null.", nameof(targets));
            if (target.RowCount != rows)
            {
                throw new ArgumentException($"Targets for task '{tasks[t].Name}' must have {rows} rows (one per input row); got {target.RowCount}.", nameof(targets));
            }

            target.WriteColumn(tasks[t], values, t, tasks.Count);
        }

        return (values, tasks.ToArray());
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, "A split fraction must be strictly between 0 and 1.");
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed || _storage.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(MultiTaskDataset), _disposed ? null : "The dataset that owns these inputs was disposed; the datasets derived from it share its inputs and cannot be used any more.");
        }
    }

    private void CheckRow(int row, int position, string name)
    {
        if ((uint)row >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(name, $"Row index {row} at position {position} is outside the dataset's {RowCount} rows.");
        }
    }

    private int PartSize(double fraction, string name)
    {
        int size = (int)Math.Ceiling(fraction * RowCount);
        if (size >= RowCount)
        {
            throw new ArgumentException($"A fraction of {fraction} of {RowCount} rows leaves no rows for the other parts.", name);
        }

        return size;
    }

    private int[] Shuffled(int seed)
    {
        ThrowIfDisposed();
        var order = Enumerable.Range(0, RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private MultiTaskDataset SubsetOf(int[] order, int start, int length, string part)
    {
        if (length <= 0)
        {
            throw new ArgumentException($"The {part} part would be empty: {RowCount} rows are too few for this split.");
        }

        return Subset(new ArraySegment<int>(order, start, length));
    }
}

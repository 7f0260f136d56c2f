using System.Text.Json.Nodes;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Inputs;
using MultiTask.Internal;
using MultiTask.Models;
using MultiTask.Prediction;
using MultiTask.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask;

/// <summary>
/// A multi-task model: a network of one architecture (by default one shared trunk and one head per task; see
/// <see cref="Architecture"/>) with one output per task. Predicts from plain arrays, evaluates on a dataset, and saves
/// to (or loads from) a single file that holds the architecture, the task specs and the weights.
/// </summary>
/// <remarks>
/// The caller owns the model and must dispose it; <see cref="Dispose"/> frees the network's native memory and is
/// idempotent. Train it with <see cref="Training.MultiTaskTrainer"/>.
/// </remarks>
public sealed class MultiTaskModel : IDisposable
{
    private readonly TaskSpec[] _tasks;
    private readonly HeadSpec[] _heads;
    private MultiTaskNetwork? _network;
    private int? _threads;

    private MultiTaskModel(TaskSpec[] tasks, ArchitectureSpec architecture, MultiTaskNetwork network)
    {
        _tasks = tasks;
        Architecture = architecture;
        _heads = architecture is HardSharingArchitecture hard ? hard.HeadsFor(tasks) : [];
        _network = network;
        _network.eval();
        Device = torch.CPU;
    }

    /// <summary>The tasks, in output order.</summary>
    public IReadOnlyList<TaskSpec> Tasks => _tasks;

    /// <summary>The description of the architecture: a <see cref="HardSharingArchitecture"/> for a model made from a trunk and heads.</summary>
    public ArchitectureSpec Architecture { get; }

    /// <summary>The description of the shared trunk of a hard-sharing model.</summary>
    /// <exception cref="InvalidOperationException">The model has another architecture (see <see cref="Architecture"/>), which has no single trunk.</exception>
    public TrunkSpec Trunk => Architecture is HardSharingArchitecture hard
        ? hard.Trunk
        : throw new InvalidOperationException($"The model's architecture is {Architecture}, which has no single shared trunk; see MultiTaskModel.Architecture.");

    /// <summary>The description of each task's head, in task order, for a hard-sharing model; empty for other architectures (their towers are part of <see cref="Architecture"/>).</summary>
    public IReadOnlyList<HeadSpec> HeadSpecs => _heads;

    /// <summary>
    /// The fitted preprocessing that turns raw input into this model's features, saved with the model; null when the
    /// model takes features directly. Set it with <see cref="AttachPreprocessing"/>; apply it with the package that
    /// made it (for tables, <c>MultiTask.Tabular</c>'s <c>Predict(TabularData)</c> extension).
    /// </summary>
    public IFittedInputTransform? Preprocessing { get; private set; }

    /// <summary>The TorchSharp module, for extenders (custom training loops, inspection). Owned by the model.</summary>
    public MultiTaskNetwork Network => _network ?? throw new ObjectDisposedException(nameof(MultiTaskModel));

    /// <summary>The device the weights live on. Default: CPU.</summary>
    public Device Device { get; private set; }

    /// <summary>
    /// The number of CPU threads TorchSharp uses while this model predicts or evaluates, and while a trainer whose
    /// <see cref="Training.TrainerOptions.Threads"/> is null fits it (the caller's setting is restored after each call);
    /// null leaves the current setting. Range: ≥ 1 or null. Default: null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Threads
    {
        get => _threads;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Threads), value, $"MultiTaskModel.Threads must be ≥ 1 or null; got {value}.");
            }

            _threads = value;
        }
    }

    /// <summary>The parameters shared by all tasks (the trunk's, for hard sharing), as gradient-based task weighting sees them; declared by the architecture (<see cref="MultiTaskNetwork.SharedParameters"/>).</summary>
    public IReadOnlyList<Parameter> SharedParameters => Network.SharedParameters(_tasks.Length);

    /// <summary>The total number of trainable values.</summary>
    public long ParameterCount => Network.parameters().Sum(p => p.numel());

    /// <summary>Builds a model with fresh weights.</summary>
    /// <param name="tasks">The tasks; names unique; at least one.</param>
    /// <param name="trunk">The shared trunk, from <see cref="Trunks"/>.</param>
    /// <param name="head">The head of every task, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</param>
    /// <param name="taskHeads">Heads that differ from <paramref name="head"/>, by task name. Default: none.</param>
    /// <param name="seed">Seeds the weight initialisation (and TorchSharp's global generator). Default: the generator's current state.</param>
    /// <exception cref="ArgumentException">A task is duplicated, or <paramref name="taskHeads"/> names an unknown task.</exception>
    public static MultiTaskModel Create(IReadOnlyList<TaskSpec> tasks, TrunkSpec trunk, HeadSpec? head = null, IReadOnlyDictionary<string, HeadSpec>? taskHeads = null, int? seed = null)
    {
        TaskSpec.CheckTasks(tasks, nameof(tasks));
        ArgumentNullException.ThrowIfNull(trunk);
        var architecture = new HardSharingArchitecture
        {
            Trunk = trunk,
            Head = head ?? Heads.Linear(),
            TaskHeads = taskHeads ?? new Dictionary<string, HeadSpec>(),
        };
        architecture.HeadsFor(tasks);
        return Create(tasks, architecture, seed);
    }

    /// <summary>Builds a model of any architecture with fresh weights, e.g. <c>Create(tasks, new MmoeArchitecture { Expert = Trunks.Mlp(100, [16]) })</c>.</summary>
    /// <param name="tasks">The tasks; names unique; at least one.</param>
    /// <param name="architecture">The architecture: <see cref="HardSharingArchitecture"/>, <see cref="MmoeArchitecture"/>, <see cref="PleArchitecture"/>, … or your own.</param>
    /// <param name="seed">Seeds the weight initialisation (and TorchSharp's global generator). Default: the generator's current state.</param>
    /// <exception cref="ArgumentException">A task is duplicated, or the architecture does not fit the tasks (the message names the setting).</exception>
    public static MultiTaskModel Create(IReadOnlyList<TaskSpec> tasks, ArchitectureSpec architecture, int? seed = null)
    {
        TaskSpec.CheckTasks(tasks, nameof(tasks));
        ArgumentNullException.ThrowIfNull(architecture);
        TorchRuntime.EnsureLoaded();
        if (seed is int s)
        {
            torch.manual_seed(s);
        }

        return Build(tasks.ToArray(), architecture, factories: null);
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="factories">Factories of the custom trunk or heads the model uses, if any.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFileException">The file is not a MultiTask model, is truncated or corrupted, or does not match its description.</exception>
    /// <exception cref="InvalidOperationException">The model uses a custom trunk or head whose factory is not in <paramref name="factories"/>.</exception>
    public static MultiTaskModel Load(string path, ModuleFactories? factories = null)
    {
        var (description, blobs) = ModelFile.Read(path);
        if (blobs.Length < 1)
        {
            throw new ModelFileException($"Model file '{path}' holds no weights.");
        }

        TorchRuntime.EnsureLoaded();
        TaskSpec[] tasks;
        ArchitectureSpec architecture;
        IFittedInputTransform? preprocessing;
        try
        {
            tasks = (description["tasks"] as JsonArray ?? throw new FormatException("The model description lacks 'tasks'."))
                .Select(n => SpecJson.ReadTask(SpecJson.Object(n, "tasks"))).ToArray();
            TaskSpec.CheckTasks(tasks, "tasks");
            architecture = description["architecture"] is JsonNode node
                ? ArchitectureRegistry.FromJson(SpecJson.Object(node, "architecture"))
                : ReadHardSharing(description, tasks);

            architecture.CheckWeightData(tasks, blobs[0].Length);

            preprocessing = description["preprocessing"] is JsonObject steps
                ? InputTransforms.FromJson(steps, description["preprocessingPackage"] is JsonValue package ? package.GetValue<string>() : null)
                : null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ModelFileException))
        {
            // The description is untrusted data: whatever a reader of it throws means the file is invalid.
            throw new ModelFileException($"Model file '{path}' has an invalid description: {e.Message}", e);
        }

        var model = Build(tasks, architecture, factories);
        model.Preprocessing = preprocessing;
        try
        {
            model.LoadWeights(blobs[0], path);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return model;
    }

    /// <summary>
    /// Saves the architecture, the task specs and the weights to one file, atomically: the file is written to a
    /// temporary name in the same folder and renamed, so an existing file is never left half-written.
    /// </summary>
    /// <param name="path">The file to write; its folder is created if needed.</param>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite (the message names it; nothing is written and an existing file is left as it was).</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckFiniteWeights($"the model file '{path}'");
        ModelFile.Write(path, Describe(), [WeightBytes()]);
    }

    /// <summary>Copies the current weights into managed memory (for example to keep the best epoch's weights).</summary>
    public ModelWeights CaptureWeights() => new(WeightBytes());

    /// <summary>Replaces the weights with a copy taken by <see cref="CaptureWeights"/> from this model or one of the same architecture.</summary>
    /// <param name="weights">The copy.</param>
    /// <exception cref="ArgumentException">The copy does not match this model's parameter names and shapes.</exception>
    public void RestoreWeights(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        try
        {
            LoadWeights(weights.StateDict, "(in memory)");
        }
        catch (ModelFileException e)
        {
            throw new ArgumentException($"The weights do not match this model: {e.InnerException?.Message ?? e.Message}", nameof(weights), e);
        }
    }

    /// <summary>Moves the weights to a device (for example CUDA where a backend supports it). Batches follow the model.</summary>
    /// <param name="device">The target device.</param>
    public void MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Network.to(device);
        Device = device;
    }

    /// <summary>The parameters of one task's head.</summary>
    /// <param name="task">A task name of the model.</param>
    public IReadOnlyList<Parameter> TaskParameters(string task) => Network.TaskParameters(IndexOf(task));

    /// <summary>Predicts every task for rows of features (copied once into a tensor that is freed before returning).</summary>
    /// <param name="features">[rows, features]; the feature count must match the trunk's; every value finite.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    /// <exception cref="ArgumentException">The feature count does not match, a value is NaN or infinite, or a prediction overflows to NaN or infinity (features too large for float32 arithmetic).</exception>
    public TaskPredictions Predict(float[,] features, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(features);
        CheckFeatureCount(features.GetLength(1));
        return PredictOwned(() => InputArrays.Features(features), batchSize);
    }

    /// <summary>Predicts every task for rows of features.</summary>
    /// <param name="features">One array per row; the feature count must match the trunk's; every value finite.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    /// <exception cref="ArgumentException">The feature count does not match, or a value is NaN or infinite.</exception>
    public TaskPredictions Predict(float[][] features, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length > 0 && features[0] is { } first)
        {
            CheckFeatureCount(first.Length);
        }

        return PredictOwned(() => features.Length == 0 ? torch.empty(0, Architecture.InputWidth ?? 0) : InputArrays.Features(features), batchSize);
    }

    /// <summary>
    /// Attaches fitted preprocessing (e.g. <c>MultiTask.Tabular</c>'s fitted pipeline of imputer, encoder, scaler and
    /// feature selection, fitted on the training rows), so that <see cref="Save"/> stores it with the weights and the
    /// loaded model predicts from raw input.
    /// </summary>
    /// <param name="preprocessing">The fitted transform whose output columns are this model's features, in order.</param>
    public void AttachPreprocessing(IFittedInputTransform preprocessing)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        RequireInput(InputKind.Features);
        Preprocessing = preprocessing;
    }

    /// <summary>Predicts every task for token-id sequences (models with a token trunk).</summary>
    /// <param name="tokenIds">One sequence per row; ids in [0, vocabulary size). Padded with the trunk's padding id.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    /// <param name="maxLength">Cuts longer sequences to this length (as <see cref="MultiTaskDataset.FromTokens"/>); null keeps them whole.</param>
    public TaskPredictions Predict(int[][] tokenIds, int batchSize = 1024, int? maxLength = null)
    {
        RequireInput(InputKind.Tokens);
        int paddingId = Architecture.TextInput?.PaddingId ?? 0;
        CheckTokenRange(tokenIds, maxLength);
        return PredictOwned(() => InputArrays.Tokens(tokenIds, paddingId, maxLength), batchSize);
    }

    /// <summary>Predicts every task for the inputs of a dataset (its targets are ignored).</summary>
    /// <param name="data">A dataset whose inputs match the trunk.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    public TaskPredictions Predict(MultiTaskDataset data, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        CheckInputs(data);
        using var block = TaskBlock.InputsOnly(data);
        return PredictBlock(block, batchSize);
    }

    /// <summary>
    /// Evaluates every task on a dataset: its masked mean loss and its metrics (see <see cref="TaskSpec.Metrics"/>).
    /// Runs on <see cref="Threads"/> threads; the metrics read the dataset's host targets.
    /// </summary>
    /// <param name="data">A dataset with the model's tasks (matched by name) and matching inputs.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    public EvaluationReport Evaluate(MultiTaskDataset data, int batchSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var aligned = AlignedView.Of(this, data);
        using var block = TaskBlock.Whole(aligned);
        var run = TorchThreads.Run(Threads, () => ModelRunner.Run(Network, _tasks, Device, block, keepOutputs: true, batchSize));
        var predictions = ToPredictions(run.Outputs!, aligned.RowCount);
        var evaluations = new List<TaskEvaluation>();
        for (int t = 0; t < _tasks.Length; t++)
        {
            evaluations.Add(TaskMetrics.Evaluate(_tasks[t], run.MeanLosses[t], (int)run.LabelCounts[t], predictions.Tasks[t], aligned.Column(t)));
        }

        return new EvaluationReport(evaluations, aligned.RowCount);
    }

    /// <summary>
    /// A table of the layers, like Keras' <c>summary()</c>: one line per layer with its parameter path and type, its
    /// output shape (e.g. <c>[batch, 64]</c>) and its parameter count, grouped as the shared trunk and each task's head;
    /// then the shared parameters, the parameters of each task, the total (<see cref="ParameterCount"/>) and the trainable ones.
    /// </summary>
    public string Summary() => ModelSummary.Table(this);

    /// <summary>A one-line description: the tasks, the trunk, the heads and the parameter count (or "disposed").</summary>
    public override string ToString() => ModelSummary.OneLine(this, _network);

    /// <summary>Frees the network. Idempotent.</summary>
    public void Dispose()
    {
        _network?.Dispose();
        _network = null;
    }

    /// <summary>
    /// The architecture description stored in model files and checkpoints: a hard-sharing model writes its <c>trunk</c>
    /// and <c>heads</c> (as files of version 0.1), any other architecture its <c>architecture</c> with its type.
    /// </summary>
    internal JsonObject Describe()
    {
        var description = new JsonObject
        {
            ["library"] = "MultiTask",
            ["tasks"] = new JsonArray(_tasks.Select(t => (JsonNode)SpecJson.WriteTask(t)).ToArray()),
        };
        if (Architecture is HardSharingArchitecture hard)
        {
            description["trunk"] = SpecJson.WriteTrunk(hard.Trunk);
            description["heads"] = new JsonArray(_heads.Select(h => (JsonNode)SpecJson.WriteHead(h)).ToArray());
        }
        else
        {
            description["architecture"] = ArchitectureRegistry.ToJson(Architecture);
        }

        description["preprocessing"] = Preprocessing?.ToJson();
        description["preprocessingPackage"] = Preprocessing?.GetType().Assembly.GetName().Name;
        return description;
    }

    /// <summary>Refuses to write non-finite weights: throws naming the first NaN or infinite weight and <paramref name="target"/> (e.g. "the model file 'm.mtm'").</summary>
    internal void CheckFiniteWeights(string target)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in Network.state_dict())
        {
            if (tensor.is_floating_point() && !tensor.isfinite().all().item<bool>())
            {
                throw new InvalidOperationException($"Weight '{name}' is NaN or infinite; {target} was not written.");
            }
        }
    }

    /// <summary>The weights (parameters and buffers) in TorchSharp's state-dict format.</summary>
    internal byte[] WeightBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Network.save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Loads weights written by <see cref="WeightBytes"/> into this model; every key and shape must match.</summary>
    internal void LoadWeights(byte[] weights, string path)
    {
        try
        {
            using (var scope = torch.NewDisposeScope())
            {
                StateDictCheck.Check(weights, Network.state_dict());
            }

            using var stream = new MemoryStream(weights, writable: false);
            using var reader = new BinaryReader(stream);
            Network.load(reader, strict: true);
            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} bytes of weights were left unread.");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelFileException($"Model file '{path}' holds weights that do not match the architecture: {e.Message}", e);
        }
    }

    /// <summary>Checks that a dataset's inputs fit this model's trunk; the message names the expected shape.</summary>
    internal void CheckInputs(MultiTaskDataset data)
    {
        if (data.InputKind != Architecture.InputKind)
        {
            throw new ArgumentException($"{Architecture.InputOwner} takes {Architecture.InputKind} input, but the dataset holds {data.InputKind}.", nameof(data));
        }

        if (Architecture.InputWidth is int width && data.InputWidth != width)
        {
            throw new ArgumentException($"The model expects {width} features per row (input shape [rows, {width}]), but the dataset has {data.InputWidth}.", nameof(data));
        }

        if (Architecture.TextInput is { } text)
        {
            if (data.PaddingId is int padding && padding != text.PaddingId)
            {
                throw new ArgumentException($"The dataset pads with token id {padding} but the text trunk's padding id is {text.PaddingId}; use the same id in FromTokens and Trunks.Text.", nameof(data));
            }

            long max = data.MaxTokenId();
            if (max >= text.VocabularySize)
            {
                throw new ArgumentException($"The dataset holds token id {max}, outside the trunk's vocabulary of {text.VocabularySize} ids.", nameof(data));
            }
        }
    }

    internal int IndexOf(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        int index = Array.FindIndex(_tasks, t => t.Name == task);
        return index >= 0
            ? index
            : throw new ArgumentException($"Unknown task '{task}'; the model has tasks {string.Join(", ", _tasks.Select(t => $"'{t.Name}'"))}.", nameof(task));
    }

    /// <summary>Builds the network, after checking every weight matrix of the architecture against the size limit (before any native allocation).</summary>
    private static MultiTaskModel Build(TaskSpec[] tasks, ArchitectureSpec architecture, ModuleFactories? factories)
    {
        try
        {
            _ = architecture.MinimumWeightCount(tasks);
        }
        catch (OverflowException e)
        {
            throw new ArgumentOutOfRangeException(nameof(architecture), $"{architecture} would have more weights than a 64-bit count holds ({e.Message}).");
        }

        return new(tasks, architecture, architecture.Build(tasks, factories));
    }

    /// <summary>A hard-sharing model's description: the <c>trunk</c> and per-task <c>heads</c> entries (every file of version 0.1).</summary>
    private static HardSharingArchitecture ReadHardSharing(JsonObject description, TaskSpec[] tasks)
    {
        var trunk = SpecJson.ReadTrunk(SpecJson.Object(description["trunk"], "trunk"));
        var heads = (description["heads"] as JsonArray ?? throw new FormatException("The model description lacks 'heads'."))
            .Select(n => SpecJson.ReadHead(SpecJson.Object(n, "heads"))).ToArray();
        if (heads.Length != tasks.Length)
        {
            throw new FormatException($"The description has {tasks.Length} tasks but {heads.Length} heads.");
        }

        return new HardSharingArchitecture
        {
            Trunk = trunk,
            Head = heads.Length > 0 ? heads[0] : Heads.Linear(),
            TaskHeads = tasks.Select((t, i) => KeyValuePair.Create(t.Name, heads[i])).ToDictionary(),
        };
    }

    private void CheckFeatureCount(int columns)
    {
        RequireInput(InputKind.Features);
        if (Architecture.InputWidth is int width && columns != width)
        {
            throw new ArgumentException($"The model expects {width} features per row (input shape [rows, {width}]); got {columns}.", "features");
        }
    }

    /// <summary>Predicts from inputs made for this call (validated and copied once by <paramref name="inputs"/>), freed before returning.</summary>
    private TaskPredictions PredictOwned(Func<Tensor> inputs, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var block = TaskBlock.Owning(inputs());
        return PredictBlock(block, batchSize);
    }

    private TaskPredictions PredictBlock(TaskBlock block, int batchSize)
    {
        var run = TorchThreads.Run(Threads, () => ModelRunner.Run(Network, _tasks, Device, block, keepOutputs: true, batchSize));
        CheckFiniteOutputs(run.Outputs!);
        return ToPredictions(run.Outputs!, block.RowCount);
    }

    /// <summary>
    /// Rejects a prediction that is NaN or infinite: finite features can still overflow float32 inside the network
    /// (say ±3e38), and the caller must not receive ∞ or NaN as a prediction.
    /// </summary>
    private void CheckFiniteOutputs(float[][] outputs)
    {
        for (int t = 0; t < _tasks.Length; t++)
        {
            int at = Array.FindIndex(outputs[t], v => !float.IsFinite(v));
            if (at >= 0)
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The prediction of task '{_tasks[t].Name}' for row {at / _tasks[t].OutputSize} is {outputs[t][at]}: the row's inputs overflow the network's float32 arithmetic (scale features well inside ±3.4E+38), or the model's weights are not finite."),
                    "features");
            }
        }
    }

    private TaskPredictions ToPredictions(float[][] outputs, int rows)
    {
        var predictions = new TaskPrediction[_tasks.Length];
        for (int t = 0; t < _tasks.Length; t++)
        {
            predictions[t] = _tasks[t].Kind switch
            {
                TaskKind.Regression => new RegressionPrediction(_tasks[t], outputs[t]),
                TaskKind.Binary => new BinaryPrediction(_tasks[t], outputs[t]),
                _ => new MulticlassPrediction(_tasks[t], outputs[t]),
            };
        }

        return new TaskPredictions(predictions, rows);
    }

    private void RequireInput(InputKind kind)
    {
        if (Architecture.InputKind != kind)
        {
            throw new ArgumentException($"{Architecture.InputOwner} takes {Architecture.InputKind} input; it cannot predict from {kind}.");
        }
    }

    private void CheckTokenRange(int[][] tokenIds, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        if (Architecture.TextInput is { } text)
        {
            foreach (var sequence in tokenIds)
            {
                int at = sequence is null ? -1 : Array.FindIndex(sequence, 0, Math.Min(sequence.Length, maxLength ?? sequence.Length), id => id >= text.VocabularySize);
                if (at >= 0)
                {
                    throw new ArgumentException($"Token id {sequence![at]} is outside the trunk's vocabulary of {text.VocabularySize} ids.", "tokenIds");
                }
            }
        }
    }
}

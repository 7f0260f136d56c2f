using System.Diagnostics;
using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Internal;
using MultiTask.Models;
using MultiTask.Serialization;
using MultiTask.Training.Optimizers;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// Trains a <see cref="MultiTaskModel"/> on all its tasks at once: each step computes every task's masked mean
/// loss, combines them with the static task weights (Σ wₜ·Lₜ), back-propagates and updates the weights.
/// </summary>
/// <remarks>
/// The trainer owns its optimiser, whose state persists across calls to <c>Fit</c> (so a second call
/// continues training); it does not own the model. Dispose it when done; <see cref="Dispose"/> is idempotent.
/// Each training step and each evaluation batch runs in its own TorchSharp dispose scope, so no tensor outlives a step.
/// </remarks>
public sealed class MultiTaskTrainer : IDisposable
{
    private readonly MultiTaskModel _model;
    private readonly Device _device;
    private readonly TrainingStep _step;
    private ParameterOptimizer? _optimizer;
    private long _stepCount;
    private int _epochsDone;

    /// <summary>Creates a trainer for a model.</summary>
    /// <param name="model">The model to train; not disposed by the trainer.</param>
    /// <param name="options">The settings (each already checked when set). Default: <c>new TrainerOptions()</c>.</param>
    /// <param name="weighting">
    /// The task-balancing method (see <see cref="Weightings"/>); an immutable configuration that may be shared with other
    /// trainers (this trainer keeps its run state in <see cref="WeightingState"/>). Default: static weights from
    /// <see cref="TrainerOptions.TaskWeights"/> (all 1: equal weighting).
    /// </param>
    /// <exception cref="ArgumentException"><see cref="TrainerOptions.TaskWeights"/> names a task the model does not have, or the weighting method cannot use <see cref="TrainerOptions.GradientSource"/>.</exception>
    public MultiTaskTrainer(MultiTaskModel model, TrainerOptions? options = null, WeightingMethod? weighting = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _device = model.Device;
        Options = options ?? new TrainerOptions();
        if (weighting is not null && Options.TaskWeights is not null)
        {
            throw new ArgumentException($"TrainerOptions.TaskWeights set static weights, but a weighting method ({weighting.Name}) was also given; use one or the other.", nameof(weighting));
        }

        var weights = model.Tasks.Select(t => 1.0).ToArray();
        foreach (var (task, weight) in Options.TaskWeights ?? new Dictionary<string, double>())
        {
            weights[model.IndexOf(task)] = weight;
        }

        Weighting = weighting ?? new StaticWeighting { Weights = weights };
        CheckGradientSource(Weighting, Options.GradientSource);
        WeightingState = Weighting.CreateState(new WeightingSetup { TaskCount = model.Tasks.Count, TaskNames = model.Tasks.Select(t => t.Name).ToArray(), Device = model.Device, Seed = Options.Seed });
        var parameters = model.Network.parameters().Concat(WeightingState.Parameters).ToArray();
        _optimizer = Options.Optimizer switch
        {
            OptimizerKind.Adam => new AdamOptimizer(parameters, Options.LearningRate, Options.WeightDecay, decoupled: false),
            OptimizerKind.AdamW => new AdamOptimizer(parameters, Options.LearningRate, Options.WeightDecay, decoupled: true),
            _ => (ParameterOptimizer)new SgdOptimizer(parameters, Options.LearningRate, Options.Momentum, Options.WeightDecay),
        };
        _step = new TrainingStep(model, Weighting, WeightingState, Options);
    }

    /// <summary>The task-balancing method (an immutable configuration; not owned by the trainer).</summary>
    public WeightingMethod Weighting { get; }

    /// <summary>This trainer's run state of <see cref="Weighting"/> (learned values, buffers, counters); owned by the trainer, disposed with it.</summary>
    public WeightingState WeightingState { get; }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The optimiser (null once disposed); for tests.</summary>
    internal ParameterOptimizer? Optimizer => _optimizer;

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs (fewer with early stopping).</summary>
    /// <remarks>
    /// Every argument but <paramref name="train"/> is optional and may be null or named:
    /// <c>Fit(train)</c>, <c>Fit(train, validation, epoch =&gt; ...)</c>, <c>Fit(train, null, null, token)</c> all compile.
    /// To report to an <see cref="IProgress{T}"/>, pass its method: <c>Fit(train, validation, progress.Report)</c>.
    /// </remarks>
    /// <param name="train">Training rows with the model's tasks (matched by name).</param>
    /// <param name="validation">Validation rows for the per-epoch validation loss and early stopping. Default: null (none).</param>
    /// <param name="onEpoch">Called synchronously, on the training thread, after each epoch with its <see cref="EpochRecord"/>. Default: null.</param>
    /// <param name="cancellationToken">Stops training between steps (<see cref="OperationCanceledException"/>). Default: none.</param>
    /// <returns>Per-epoch, per-task losses and weights, and the early-stopping outcome.</returns>
    /// <exception cref="ArgumentException">A dataset does not match the model (inputs or tasks); the message names what differs.</exception>
    /// <exception cref="TrainingDivergedException">A task's loss became NaN or infinite; the weights are left as before that step.</exception>
    public TrainingHistory Fit(MultiTaskDataset train, MultiTaskDataset? validation = null, Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        CheckReady(validation is not null);
        var trainView = AlignedView.Of(_model, train);
        CheckHasLabels(train, _model.Tasks.Select(t => t.Name).ToArray(), "train");
        var validationView = validation is null ? null : AlignedView.Of(_model, validation);
        using var trainBlock = TaskBlock.Whole(trainView);
        using var validationBlock = validationView is null ? null : TaskBlock.Whole(validationView);
        return WithThreads(() => FitEpochs([trainBlock], validationBlock is null ? null : [validationBlock], sampling: null, onEpoch, cancellationToken));
    }

    /// <summary>
    /// Trains on one dataset per task (different rows for each task, e.g. tasks from different sources), drawing rows
    /// as <see cref="TrainerOptions.Sampling"/> says, for <see cref="TrainerOptions.Epochs"/> epochs.
    /// </summary>
    /// <param name="train">A dataset for every task of the model, by task name; each must contain that task (it may contain others, which are ignored here).</param>
    /// <param name="validation">Validation datasets by task name (each task's loss is measured on its own dataset); may cover only some tasks. Default: null (none).</param>
    /// <param name="onEpoch">Called synchronously after each epoch with its <see cref="EpochRecord"/>. Default: null.</param>
    /// <param name="cancellationToken">Stops training between steps. Default: none.</param>
    /// <returns>Per-epoch, per-task losses and weights, and the early-stopping outcome.</returns>
    /// <exception cref="ArgumentException">A task has no dataset, a name is unknown, or a dataset does not match the model.</exception>
    public TrainingHistory Fit(IReadOnlyDictionary<string, MultiTaskDataset> train, IReadOnlyDictionary<string, MultiTaskDataset>? validation = null, Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckReady(validation is { Count: > 0 });
        var trainBlocks = new List<TaskBlock>();
        var validationBlocks = new List<TaskBlock>();
        try
        {
            foreach (var name in train.Keys.Concat(validation?.Keys ?? []).Where(k => _model.Tasks.All(t => t.Name != k)))
            {
                throw new ArgumentException($"Datasets are given for task '{name}', which the model does not have; its tasks are {string.Join(", ", _model.Tasks.Select(t => $"'{t.Name}'"))}.", nameof(train));
            }

            for (int t = 0; t < _model.Tasks.Count; t++)
            {
                var task = _model.Tasks[t];
                var data = train.GetValueOrDefault(task.Name)
                    ?? throw new ArgumentException($"No training dataset for task '{task.Name}'; give one dataset per task.", nameof(train));
                trainBlocks.Add(PerTaskBlock(data, task, t));
                CheckHasLabels(data, [task.Name], $"train[\"{task.Name}\"]");
                if (validation?.GetValueOrDefault(task.Name) is { } check)
                {
                    validationBlocks.Add(PerTaskBlock(check, task, t));
                }
            }

            if (_model.Trunk is TextTrunkSpec text)
            {
                int width = trainBlocks.Concat(validationBlocks).Max(b => (int)b.Inputs.shape[1]);
                trainBlocks.Concat(validationBlocks).ToList().ForEach(b => b.PadTo(width, text.PaddingId));
            }

            return WithThreads(() => FitEpochs(trainBlocks, validationBlocks.Count > 0 ? validationBlocks : null, Options.Sampling, onEpoch, cancellationToken));
        }
        finally
        {
            trainBlocks.Concat(validationBlocks).ToList().ForEach(b => b.Dispose());
        }
    }

    /// <summary>The number of epochs trained so far, over all calls to <c>Fit</c> (and restored by <see cref="LoadCheckpoint"/>).</summary>
    public int EpochsCompleted => _epochsDone;

    /// <summary>
    /// Saves everything needed to resume training exactly: the model (architecture and weights), the optimiser state,
    /// the weighting method (name, kind and hyperparameters) and its state, the loss history and the epoch and step counters. The file is also a model file:
    /// <see cref="MultiTaskModel.Load"/> reads its model. Written atomically.
    /// </summary>
    /// <param name="path">The file to write.</param>
    public void SaveCheckpoint(string path)
    {
        var optimizer = _optimizer ?? throw new ObjectDisposedException(nameof(MultiTaskTrainer));
        var description = _model.Describe();
        var history = new JsonArray();
        for (int e = 0; e < _step.History.Count; e++)
        {
            history.Add(new JsonArray(_step.History[e].Select(v => (JsonNode)v).ToArray()));
        }

        var checkpoint = new JsonObject
        {
            ["epochsCompleted"] = _epochsDone,
            ["steps"] = _stepCount,
            ["lossHistory"] = history,
        };
        WeightingCheckpoint.Write(checkpoint, Weighting, WeightingState);
        description["checkpoint"] = checkpoint;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.Save(writer);
        }

        ModelFile.Write(path, description, [_model.WeightBytes(), stream.ToArray()]);
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="SaveCheckpoint"/> into this trainer and its model, so that the next
    /// <c>Fit</c> continues where the saved run stopped. The model's architecture, the weighting method and its
    /// hyperparameters must match (checkpoints written before hyperparameters were recorded are checked by method name).
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="ModelFileException">The file is not a checkpoint, is damaged, or was made for another model, method or hyperparameters (the message names the hyperparameter and both values).</exception>
    public void LoadCheckpoint(string path)
    {
        var optimizer = _optimizer ?? throw new ObjectDisposedException(nameof(MultiTaskTrainer));
        var (description, blobs) = ModelFile.Read(path);
        if (description["checkpoint"] is not JsonObject checkpoint || blobs.Length != 2)
        {
            throw new ModelFileException($"'{path}' is a model file, not a training checkpoint.");
        }

        var expected = _model.Describe();
        foreach (var key in new[] { "tasks", "trunk", "heads" })
        {
            if (description[key]?.ToJsonString() != expected[key]!.ToJsonString())
            {
                throw new ModelFileException($"Checkpoint '{path}' was made for another model: its {key} differ from this trainer's model.");
            }
        }

        WeightingCheckpoint.CheckSameMethod(checkpoint, Weighting, path);

        _model.LoadWeights(blobs[0], path);
        try
        {
            using var stream = new MemoryStream(blobs[1], writable: false);
            using var reader = new BinaryReader(stream);
            optimizer.Load(reader);
            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} bytes follow the optimiser state.");
            }

            WeightingCheckpoint.Load(checkpoint, WeightingState);

            _step.History.Replace((checkpoint["lossHistory"] as JsonArray ?? [])
                .Select(e => (e as JsonArray ?? []).Select(v => v!.GetValue<double>()).ToArray()));
            _epochsDone = SpecJson.Get<int>(checkpoint, "epochsCompleted");
            _stepCount = SpecJson.Get<long>(checkpoint, "steps");
        }
        catch (Exception e) when (e is not ModelFileException)
        {
            // The trainer state is untrusted data: whatever reading it throws (even an allocation refused for an absurd size) means the file is invalid.
            throw new ModelFileException($"Checkpoint '{path}' has trainer state that does not fit this trainer: {e.Message}", e);
        }
    }

    /// <summary>Frees the optimiser state. Idempotent; the model is not disposed.</summary>
    public void Dispose()
    {
        _optimizer?.Dispose();
        _optimizer = null;
        WeightingState.Dispose();
    }

    private TrainingHistory FitEpochs(IReadOnlyList<TaskBlock> train, IReadOnlyList<TaskBlock>? validation, TaskSampling? sampling, Action<EpochRecord>? onEpoch, CancellationToken cancellationToken)
    {
        using var snapshot = new WeightSnapshot();
        var epochs = new List<EpochRecord>();
        var steps = new List<StepRecord>();
        double best = double.PositiveInfinity;
        int? bestEpoch = null;
        int sinceBest = 0;
        bool stoppedEarly = false;
        bool keepBest = validation is not null && Options.RestoreBestWeights;
        int firstEpoch = _epochsDone + 1, lastEpoch = _epochsDone + Options.Epochs;
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++)
        {
            // Every epoch has its own random streams (dropout, shuffling, method randomness), derived from the seed and
            // the epoch number, so training resumed from a checkpoint continues exactly as if it had never stopped.
            torch.manual_seed(SeedMix.Of(Options.Seed, epoch, stream: 0));
            var clock = Stopwatch.StartNew();
            var trained = TrainEpoch(train, sampling, epoch, steps, cancellationToken);
            _step.History.Add(trained.Losses);
            double[]? validationLoss = validation is null ? null : ValidationLosses(validation);
            double? validationTotal = validationLoss is null ? null : Objective(validationLoss);
            _epochsDone = epoch;
            var record = new EpochRecord(
                epoch,
                lastEpoch,
                Objective(trained.Losses),
                validationTotal,
                _model.Tasks.Select((t, i) => new TaskEpochRecord(t.Name, trained.Losses[i], validationLoss?[i], trained.Weights[i])).ToArray(),
                clock.Elapsed)
            {
                GradientCosines = trained.Cosines,
            };
            epochs.Add(record);
            onEpoch?.Invoke(record);
            if (validationTotal is double v)
            {
                if (v < best - Options.EarlyStoppingMinDelta || bestEpoch is null)
                {
                    best = Math.Min(best, v);
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (keepBest)
                    {
                        snapshot.Capture(_model.Network);
                    }
                }
                else if (++sinceBest >= Options.EarlyStoppingPatience && epoch < lastEpoch)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        bool restored = keepBest && bestEpoch is int b && b != epochs[^1].Epoch;
        if (restored)
        {
            snapshot.Restore(_model.Network);
        }

        return new TrainingHistory(epochs, bestEpoch, stoppedEarly, restored) { Steps = steps };
    }

    private EpochTotals TrainEpoch(IReadOnlyList<TaskBlock> blocks, TaskSampling? sampling, int epoch, List<StepRecord> steps, CancellationToken cancellationToken)
    {
        var device = _model.Device;
        var totals = new EpochTotals(_model.Tasks.Count);
        var plan = sampling is TaskSampling perTask
            ? EpochPlanner.PerTask(blocks.Select(b => b.RowCount).ToArray(), Options.BatchSize, perTask, new Random(SeedMix.Of(Options.Seed, epoch, stream: 3)))
            : EpochPlanner.Single(blocks[0].RowCount, Options.BatchSize, Options.Schedule, _model.Tasks.Count);
        using var orders = new RowOrders(blocks, Options.Shuffle, Options.Seed, epoch);
        _model.Network.train();
        for (int s = 0; s < plan.Count; s++, _stepCount++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var (x, y, m) = orders.Batch(plan[s], _model.Tasks.Count, device);
            bool measure = Options.GradientDiagnostics switch
            {
                GradientDiagnostics.PerStep => true,
                GradientDiagnostics.PerEpoch => Weighting is GradientWeighting || s == 0,
                _ => false,
            };
            var outcome = _step.Run(_optimizer!, x, y, m, epoch, _stepCount, measure);
            var cosines = outcome.Gramian is null ? null : SharedGradients.Cosines(outcome.Gramian);
            totals.Add(outcome, measure ? cosines : null);
            if (Options.GradientDiagnostics == GradientDiagnostics.PerStep && cosines is not null)
            {
                steps.Add(new StepRecord(epoch, _stepCount, outcome.Weights, cosines));
            }
        }

        return totals;
    }

    private double[] ValidationLosses(IReadOnlyList<TaskBlock> blocks)
    {
        _model.Network.eval();
        int taskCount = _model.Tasks.Count;
        var sums = new double[taskCount];
        var counts = new double[taskCount];
        foreach (var block in blocks)
        {
            var run = ModelRunner.Run(_model.Network, _model.Tasks, _model.Device, block, keepOutputs: false, Math.Max(Options.BatchSize, 1024));
            for (int t = 0; t < taskCount; t++)
            {
                sums[t] += run.LossSums[t];
                counts[t] += run.WeightSums[t];
            }
        }

        return sums.Select((s, t) => counts[t] > 0 ? s / counts[t] : double.NaN).ToArray();
    }

    private void CheckReady(bool hasValidation)
    {
        ObjectDisposedException.ThrowIf(_optimizer is null, this);
        if (_model.Device.ToString() != _device.ToString())
        {
            throw new InvalidOperationException($"The model moved from {_device} to {_model.Device} after the trainer was created; move the model first, then create the trainer.");
        }

        if (Options.EarlyStoppingPatience is not null && !hasValidation)
        {
            throw new ArgumentException("Early stopping (TrainerOptions.EarlyStoppingPatience) needs a validation dataset.", "validation");
        }
    }

    /// <summary>Runs <c>Fit</c> on <see cref="TrainerOptions.Threads"/> threads, or the model's <see cref="MultiTaskModel.Threads"/> when that is null.</summary>
    /// <remarks>The network is in training mode only inside <c>Fit</c>: it leaves in evaluation mode however <c>Fit</c> ends, so prediction never switches a shared module's mode.</remarks>
    private TrainingHistory WithThreads(Func<TrainingHistory> fit)
    {
        try
        {
            return TorchThreads.Run(Options.Threads ?? _model.Threads, fit);
        }
        finally
        {
            _model.Network.eval();
        }
    }

    /// <summary>Rejects training data without a single label for every one of the given tasks: there would be nothing to learn (a loss of 0).</summary>
    private static void CheckHasLabels(MultiTaskDataset data, string[] tasks, string dataset)
    {
        if (tasks.All(t => data.LabelCount(t) == 0))
        {
            throw new ArgumentException(
                tasks.Length == 1
                    ? $"The training dataset {dataset} has no label for task '{tasks[0]}' in any of its {data.RowCount} rows; there is nothing to learn."
                    : $"The training dataset {dataset}: training rows have no label for any task ({string.Join(", ", tasks.Select(t => $"'{t}'"))}) in any of its {data.RowCount} rows; there is nothing to learn.",
                "train");
        }
    }

    private TaskBlock PerTaskBlock(MultiTaskDataset data, TaskSpec task, int index)
    {
        ArgumentNullException.ThrowIfNull(data);
        _model.CheckInputs(data);
        var own = data.Tasks[data.ColumnOf(task.Name)];
        if (own.Kind != task.Kind || own.ClassCount != task.ClassCount)
        {
            throw new ArgumentException($"Task '{task.Name}' is {task} in the model but {own} in its dataset.", "train");
        }

        return TaskBlock.ForTask(data, task.Name, index, _model.Tasks.Count);
    }

    /// <summary>The objective reported and used for early stopping: Σ wₜLₜ with static weights, the plain sum of task losses otherwise.</summary>
    private double Objective(double[] losses)
    {
        var weights = (Weighting as StaticWeighting)?.Weights;
        double total = 0;
        for (int t = 0; t < losses.Length; t++)
        {
            if (!double.IsNaN(losses[t]))
            {
                total += (weights?[t] ?? 1.0) * losses[t];
            }
        }

        return total;
    }

    private static void CheckGradientSource(WeightingMethod weighting, GradientSource source)
    {
        if (source != GradientSource.Representation)
        {
            if (weighting is GradientWeighting { RequiresRepresentationGradients: true })
            {
                throw new ArgumentException($"{weighting.Name} works on gradients at the shared representation; set TrainerOptions.GradientSource to Representation.", nameof(weighting));
            }

            return;
        }

        if (weighting is LossWeighting)
        {
            throw new ArgumentException($"{weighting.Name} is a loss-based method; with GradientSource.Representation the trunk would never be updated (LibMTL issue #83). Use GradientSource.SharedParameters.", nameof(weighting));
        }

        if (weighting is GradientWeighting { SupportsRepresentationGradients: false })
        {
            throw new ArgumentException($"{weighting.Name} needs gradients of the shared parameters; it does not support GradientSource.Representation.", nameof(weighting));
        }
    }
}

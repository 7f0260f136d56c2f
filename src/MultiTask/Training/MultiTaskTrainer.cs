using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Internal;
using MultiTask.Models;
using MultiTask.Serialization;
using MultiTask.Training.Optimizers;
using MultiTask.Training.Schedules;
using MultiTask.Transfer;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// Trains a <see cref="MultiTaskModel"/> on all its tasks at once: each step computes every task's masked mean
/// loss, combines them with the weighting method (by default the static task weights, Σ wₜ·Lₜ), back-propagates and
/// updates the weights, with the learning rate of <see cref="TrainerOptions.LearningRateSchedule"/>.
/// </summary>
/// <remarks>
/// The trainer owns its optimiser, whose state persists across calls to <c>Fit</c> (so a second call
/// continues training); it does not own the model. Dispose it when done; <see cref="Dispose"/> is idempotent.
/// Each training step and each evaluation batch runs in its own TorchSharp dispose scope, so no tensor outlives a step.
/// The run state (epoch and step counters, optimiser, weighting state, early-stopping state with the best weights,
/// schedule state) continues across calls to <c>Fit</c> and is saved in checkpoints.
/// </remarks>
public sealed class MultiTaskTrainer : IDisposable
{
    private readonly MultiTaskModel _model;
    private readonly Device _device;
    private readonly TrainingStep _step;
    private ParameterOptimizer? _optimizer;
    private long _stepCount;
    private int _epochsDone;
    private RunControl _control = new();

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
        var rates = ParameterGroups.LearningRates(model.Network, Options.LearningRate, Options.GroupLearningRates, $"{nameof(TrainerOptions)}.{nameof(TrainerOptions.GroupLearningRates)}")
            ?.Concat(WeightingState.Parameters.Select(_ => Options.LearningRate)).ToArray();
        _optimizer = Options.Optimizer switch
        {
            OptimizerKind.Adam => new AdamOptimizer(parameters, Options.LearningRate, Options.WeightDecay, decoupled: false, rates),
            OptimizerKind.AdamW => new AdamOptimizer(parameters, Options.LearningRate, Options.WeightDecay, decoupled: true, rates),
            _ => (ParameterOptimizer)new SgdOptimizer(parameters, Options.LearningRate, Options.Momentum, Options.WeightDecay, rates),
        };
        _step = new TrainingStep(model, Weighting, WeightingState, Options);
        Options.LearningRateSchedule?.Check();
        if (Options.Monitor.Task is { } monitored && model.Tasks.All(t => t.Name != monitored))
        {
            throw new ArgumentException($"TrainerOptions.Monitor watches task '{monitored}', which the model does not have; its tasks are {string.Join(", ", model.Tasks.Select(t => $"'{t.Name}'"))}.", nameof(options));
        }
    }

    /// <summary>The model being trained (not owned by the trainer).</summary>
    public MultiTaskModel Model => _model;

    /// <summary>Code run after every step and epoch of <c>Fit</c>, in order (see <see cref="TrainingCallback"/>). Default: empty.</summary>
    public IList<TrainingCallback> Callbacks { get; } = new List<TrainingCallback>();

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
    /// <exception cref="TrainingDivergedException">A loss (training, or validation of a task with labels), gradient or weight became NaN or infinite (see <see cref="TrainerOptions.DivergenceRetries"/>); the message says which weights the model holds.</exception>
    public TrainingHistory Fit(MultiTaskDataset train, MultiTaskDataset? validation = null, Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        CheckReady(validation is not null);
        var validationSets = validation is null ? null : _model.Tasks.ToDictionary(t => t.Name, _ => validation, StringComparer.Ordinal);
        CheckMonitor(validationSets);
        var trainView = AlignedView.Of(_model, train);
        CheckHasLabels(train, _model.Tasks.Select(t => t.Name).ToArray(), "train");
        var validationView = validation is null ? null : AlignedView.Of(_model, validation);
        using var trainBlock = TaskBlock.Whole(trainView);
        using var validationBlock = validationView is null ? null : TaskBlock.Whole(validationView);
        return WithThreads(() => FitEpochs([trainBlock], validationBlock is null ? null : [validationBlock], validationSets, sampling: null, onEpoch, cancellationToken));
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
    /// <exception cref="TrainingDivergedException">A loss, gradient or weight became NaN or infinite (see the other overload).</exception>
    public TrainingHistory Fit(IReadOnlyDictionary<string, MultiTaskDataset> train, IReadOnlyDictionary<string, MultiTaskDataset>? validation = null, Action<EpochRecord>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckReady(validation is { Count: > 0 });
        var validationSets = validation is { Count: > 0 } ? validation : null;
        CheckMonitor(validationSets);
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

            if (_model.Architecture.TextInput is { } text)
            {
                int width = trainBlocks.Concat(validationBlocks).Max(b => (int)b.Inputs.shape[1]);
                trainBlocks.Concat(validationBlocks).ToList().ForEach(b => b.PadTo(width, text.PaddingId));
            }

            return WithThreads(() => FitEpochs(trainBlocks, validationBlocks.Count > 0 ? validationBlocks : null, validationSets, Options.Sampling, onEpoch, cancellationToken));
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
    /// the weighting method (name, kind and hyperparameters) and its state, the loss history, the epoch and step counters,
    /// the early-stopping state with the best weights, the schedule's state and the divergence-recovery state. The file is also a model file:
    /// <see cref="MultiTaskModel.Load"/> reads its model. Written atomically. Saved from <see cref="TrainingCallback.OnEpoch"/>,
    /// a checkpoint resumes exactly after that epoch.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite (nothing is written).</exception>
    public void SaveCheckpoint(string path)
    {
        var optimizer = _optimizer ?? throw new ObjectDisposedException(nameof(MultiTaskTrainer));
        _model.CheckFiniteWeights($"the checkpoint '{path}'");
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
        checkpoint["control"] = _control.ToJson();
        WeightingCheckpoint.Write(checkpoint, Weighting, WeightingState);
        description["checkpoint"] = checkpoint;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.Save(writer);
        }

        byte[][] blobs = _control.BestWeights is { } best ? [_model.WeightBytes(), stream.ToArray(), best] : [_model.WeightBytes(), stream.ToArray()];
        ModelFile.Write(path, description, blobs);
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
        if (description["checkpoint"] is not JsonObject checkpoint || blobs.Length is not (2 or 3))
        {
            throw new ModelFileException($"'{path}' is a model file, not a training checkpoint.");
        }

        var expected = _model.Describe();
        foreach (var key in new[] { "tasks", "trunk", "heads", "architecture" })
        {
            if (description[key]?.ToJsonString() != expected[key]?.ToJsonString())
            {
                throw new ModelFileException($"Checkpoint '{path}' was made for another model: its {key} differ from this trainer's model.");
            }
        }

        WeightingCheckpoint.CheckSameMethod(checkpoint, Weighting, path);
        var control = RunControl.FromJson(checkpoint["control"] as JsonObject, blobs.Length == 3 ? blobs[2] : null, path);

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
            _control = control;
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
        _step.Dispose();
        WeightingState.Dispose();
    }

    /// <summary>Trains the epochs; the step's reusable buffers (Jacobian, Gramian scratch) live only as long as this call.</summary>
    private TrainingHistory FitEpochs(IReadOnlyList<TaskBlock> train, IReadOnlyList<TaskBlock>? validation, IReadOnlyDictionary<string, MultiTaskDataset>? validationSets, TaskSampling? sampling, Action<EpochRecord>? onEpoch, CancellationToken cancellationToken)
    {
        try
        {
            return RunEpochs(train, validation, validationSets, sampling, onEpoch, cancellationToken);
        }
        finally
        {
            _step.ReleaseBuffers();
        }
    }

    private TrainingHistory RunEpochs(IReadOnlyList<TaskBlock> train, IReadOnlyList<TaskBlock>? validation, IReadOnlyDictionary<string, MultiTaskDataset>? validationSets, TaskSampling? sampling, Action<EpochRecord>? onEpoch, CancellationToken cancellationToken)
    {
        using var guard = new StepGuard(_optimizer!, _model.Network.buffers());
        var epochs = new List<EpochRecord>();
        var steps = new List<StepRecord>();
        bool stoppedEarly = false, byCallback = false;
        bool keepBest = validation is not null && Options.RestoreBestWeights;
        var monitor = Options.Monitor;
        int firstEpoch = _epochsDone + 1, lastEpoch = _epochsDone + Options.Epochs;
        try
        {
            for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++)
            {
                // Every epoch has its own random streams (dropout, shuffling, method randomness), derived from the seed and
                // the epoch number, so training resumed from a checkpoint continues exactly as if it had never stopped.
                torch.manual_seed(SeedMix.Of(Options.Seed, epoch, stream: 0));
                var clock = Stopwatch.StartNew();
                var start = _control.Recoveries < Options.DivergenceRetries ? CaptureEpochStart() : default((byte[], byte[], JsonObject, long)?);
                EpochTotals trained;
                double learningRate;
                bool stepStop;
                double[]? validationLoss;
                try
                {
                    (trained, learningRate, stepStop) = TrainEpoch(train, sampling, epoch, steps, guard, cancellationToken);
                    validationLoss = validation is null ? null : ValidationLosses(validation, epoch, guard);
                }
                catch (TrainingDivergedException) when (start is { } epochStart)
                {
                    // Recovery: the epoch is done again from its start, every later rate lowered.
                    RestoreEpochStart(epochStart);
                    steps.RemoveAll(r => r.Epoch == epoch);
                    _control.Recoveries++;
                    _control.RecoveryScale *= Options.DivergenceLearningRateFactor;
                    epoch--;
                    continue;
                }

                _step.History.Add(trained.Losses);
                double? monitored = validationLoss is null ? null : Monitored(validationLoss, validationSets!);
                _epochsDone = epoch;
                if (monitored is double value)
                {
                    if (_control.Improves(value, monitor.HigherIsBetter, Options.EarlyStoppingMinDelta))
                    {
                        _control.BestValue = value;
                        _control.BestEpoch = epoch;
                        _control.SinceBest = 0;
                        _control.BestWeights = keepBest ? _model.WeightBytes() : null;
                    }
                    else
                    {
                        _control.SinceBest++;
                    }
                }

                UpdatePlateau(monitored ?? Objective(trained.Losses), monitored is not null && monitor.HigherIsBetter);
                var record = new EpochRecord(
                    epoch,
                    lastEpoch,
                    Objective(trained.Losses),
                    validationLoss is null ? null : Objective(validationLoss),
                    _model.Tasks.Select((t, i) => new TaskEpochRecord(t.Name, trained.Losses[i], validationLoss?[i], trained.Weights[i])).ToArray(),
                    clock.Elapsed)
                {
                    GradientCosines = trained.Cosines,
                    LearningRate = learningRate,
                    MonitoredValue = monitored,
                };
                epochs.Add(record);
                onEpoch?.Invoke(record);
                var context = new EpochContext(this, record, _control.BestEpoch);
                foreach (var callback in Callbacks)
                {
                    callback.OnEpoch(context);
                }

                if (stepStop || context.StopRequested)
                {
                    byCallback = true;
                    stoppedEarly = stepStop || epoch < lastEpoch;
                    break;
                }

                if (monitored is not null && _control.SinceBest >= Options.EarlyStoppingPatience && epoch < lastEpoch)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        catch (TrainingDivergedException e)
        {
            throw Diverged(e, keepBest);
        }

        bool restored = keepBest && _control.BestWeights is not null && _control.BestEpoch != _epochsDone;
        if (restored)
        {
            _model.LoadWeights(_control.BestWeights!, "(best weights)");
        }

        return new TrainingHistory(epochs, validation is null ? null : _control.BestEpoch, stoppedEarly, restored) { Steps = steps, StoppedByCallback = byCallback };
    }

    private (EpochTotals Totals, double LearningRate, bool StopRequested) TrainEpoch(IReadOnlyList<TaskBlock> blocks, TaskSampling? sampling, int epoch, List<StepRecord> steps, StepGuard guard, CancellationToken cancellationToken)
    {
        var device = _model.Device;
        var totals = new EpochTotals(_model.Tasks.Count);
        var plan = sampling is TaskSampling perTask
            ? EpochPlanner.PerTask(blocks.Select(b => b.RowCount).ToArray(), Options.BatchSize, perTask, new Random(SeedMix.Of(Options.Seed, epoch, stream: 3)))
            : EpochPlanner.Single(blocks[0].RowCount, Options.BatchSize, Options.Schedule, _model.Tasks.Count);
        using var orders = new RowOrders(blocks, Options.Shuffle, Options.Seed, epoch);
        _model.Network.train();
        double learningRate = LearningRateAt(epoch);
        bool stop = false;
        for (int s = 0; s < plan.Count && !stop; s++, _stepCount++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            learningRate = LearningRateAt(epoch);
            _optimizer!.LearningRate = learningRate;
            StepOutcome outcome;
            double[][]? cosines;
            bool measure = Options.GradientDiagnostics switch
            {
                GradientDiagnostics.PerStep => true,
                GradientDiagnostics.PerEpoch => Weighting is GradientWeighting || s == 0,
                _ => false,
            };
            using (var scope = torch.NewDisposeScope())
            {
                var (x, y, m) = orders.Batch(plan[s], _model.Tasks.Count, device);
                try
                {
                    outcome = _step.Run(_optimizer!, x, y, m, epoch, _stepCount, measure);
                }
                catch (Exception e) when (e is TrainingDivergedException or NonFiniteUpdateException)
                {
                    // A non-finite loss, gradient or weight: back to the last weights with a finite loss: before the last update,
                    // or, when the step read its loss back only after its own update, before the update before that.
                    guard.Restore(e is TrainingDivergedException && _step.UpdatedBeforeLossCheck ? 2 : 1);

                    throw e as TrainingDivergedException ?? new TrainingDivergedException(
                        $"A {((NonFiniteUpdateException)e).What} became NaN or infinite at epoch {epoch}, step {_stepCount} (learning rate {learningRate.ToString(CultureInfo.InvariantCulture)}). " +
                        "Try a lower learning rate, gradient clipping (MaxGradientNorm), or scaling the inputs and targets.", e);
                }

                cosines = outcome.Gramian is null ? null : SharedGradients.Cosines(outcome.Gramian);
            }

            totals.Add(outcome, measure ? cosines : null);
            if (Options.GradientDiagnostics == GradientDiagnostics.PerStep && cosines is not null)
            {
                steps.Add(new StepRecord(epoch, _stepCount, outcome.Weights, cosines));
            }

            if (Callbacks.Count > 0)
            {
                var context = new StepContext(this, epoch, _stepCount, outcome.Losses, learningRate);
                foreach (var callback in Callbacks)
                {
                    callback.OnStep(context);
                }

                stop = context.StopRequested;
            }
        }

        return (totals, learningRate, stop);
    }

    /// <summary>
    /// The trainer's state at the start of an epoch (weights, optimiser, weighting state, step counter), in memory, so
    /// that a divergence recovery can redo the epoch (<see cref="TrainerOptions.DivergenceRetries"/>).
    /// </summary>
    private (byte[] Weights, byte[] Optimizer, JsonObject Weighting, long Steps) CaptureEpochStart()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            _optimizer!.Save(writer);
        }

        var weighting = new JsonObject();
        WeightingCheckpoint.Write(weighting, Weighting, WeightingState);
        return (_model.WeightBytes(), stream.ToArray(), weighting, _stepCount);
    }

    private void RestoreEpochStart((byte[] Weights, byte[] Optimizer, JsonObject Weighting, long Steps) start)
    {
        _model.LoadWeights(start.Weights, "(epoch start)");
        using var stream = new MemoryStream(start.Optimizer, writable: false);
        using var reader = new BinaryReader(stream);
        _optimizer!.Load(reader);
        WeightingCheckpoint.Load(start.Weighting, WeightingState);
        _stepCount = start.Steps;
    }

    /// <summary>The divergence as thrown by <c>Fit</c>: with the best weights restored when they are kept, and the message saying which weights the model holds.</summary>
    private TrainingDivergedException Diverged(TrainingDivergedException e, bool keepBest)
    {
        string holds;
        if (keepBest && _control.BestWeights is { } best)
        {
            _model.LoadWeights(best, "(best weights)");
            holds = $"The model holds the best weights (epoch {_control.BestEpoch}, {Options.Monitor} {_control.BestValue?.ToString(CultureInfo.InvariantCulture)}).";
        }
        else
        {
            holds = "The model holds the last weights that gave a finite training loss.";
        }

        return new TrainingDivergedException($"{e.Message} {holds}", e.InnerException ?? e);
    }

    /// <summary>The learning rate of the next step: the schedule's (or the base rate), times the divergence-recovery factor.</summary>
    private double LearningRateAt(int epoch)
    {
        var schedule = Options.LearningRateSchedule;
        double rate = schedule switch
        {
            null => Options.LearningRate,
            ReduceOnPlateau => _control.Plateau?.Rate ?? Options.LearningRate,
            { PerStep: true } => schedule.Rate(Options.LearningRate, _stepCount),
            _ => schedule.Rate(Options.LearningRate, epoch - 1),
        };
        return rate * _control.RecoveryScale;
    }

    /// <summary>Advances <see cref="ReduceOnPlateau"/>'s run state after an epoch.</summary>
    private void UpdatePlateau(double value, bool higherIsBetter)
    {
        if (Options.LearningRateSchedule is ReduceOnPlateau plateau)
        {
            _control.Plateau = plateau.Next(_control.Plateau ?? PlateauState.Start(Options.LearningRate), value, higherIsBetter);
        }
    }

    /// <summary>The monitored validation value (<see cref="TrainerOptions.Monitor"/>); metrics are looked up in the model's evaluation of each task's validation dataset.</summary>
    private double Monitored(double[] validationLoss, IReadOnlyDictionary<string, MultiTaskDataset> sets)
    {
        var monitor = Options.Monitor;
        if (monitor.Metric is not { } metric)
        {
            return monitor.Task is { } task ? validationLoss[_model.IndexOf(task)] : Objective(validationLoss);
        }

        var reports = new Dictionary<MultiTaskDataset, EvaluationReport>(ReferenceEqualityComparer.Instance);
        EvaluationReport ReportFor(string task)
        {
            var data = sets[task];
            if (!reports.TryGetValue(data, out var report))
            {
                report = reports[data] = _model.Evaluate(data);
            }

            return report;
        }

        if (monitor.Task is { } one)
        {
            var report = ReportFor(one);
            return MetricLookup.Value(report, one, metric)
                ?? throw new ArgumentException($"TrainerOptions.Monitor watches {metric} of task '{one}', which that task does not report; it reports {MetricLookup.Available(report, one)}.", "options");
        }

        var values = sets.Keys.Select(t => MetricLookup.Value(ReportFor(t), t, metric)).OfType<double>().ToArray();
        return values.Length > 0
            ? values.Average()
            : throw new ArgumentException($"TrainerOptions.Monitor watches the mean {metric} over tasks, but no task with validation labels reports {metric}.", "options");
    }

    /// <summary>Each task's mean validation loss (NaN for a task without validation labels, which is not divergence).</summary>
    /// <exception cref="TrainingDivergedException">A task with validation labels has a non-finite validation loss (the weights go back to before the epoch's last update).</exception>
    private double[] ValidationLosses(IReadOnlyList<TaskBlock> blocks, int epoch, StepGuard guard)
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

        var losses = sums.Select((s, t) => counts[t] > 0 ? s / counts[t] : double.NaN).ToArray();
        for (int t = 0; t < taskCount; t++)
        {
            if (counts[t] > 0 && !double.IsFinite(losses[t]))
            {
                guard.Restore();
                throw new TrainingDivergedException($"Task '{_model.Tasks[t].Name}' has a non-finite validation loss ({losses[t].ToString(CultureInfo.InvariantCulture)}) after epoch {epoch}.");
            }
        }

        return losses;
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

        if (Weighting is GradientWeighting && ParameterGroups.Frozen(_model.Network) is { Count: > 0 } frozen)
        {
            throw new InvalidOperationException(
                $"Weighting method {Weighting.Name} differentiates each task's loss with respect to the shared and head parameters, but some are frozen " +
                $"({string.Join(", ", frozen)}); fine-tune with frozen parameters under a loss-based method (e.g. the default) or unfreeze them.");
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

    /// <summary>
    /// The reported objective (<see cref="EpochRecord.TrainLoss"/>, <see cref="EpochRecord.ValidationLoss"/>): Σₜ Lₜ, the
    /// unweighted sum of the tasks' mean losses, for every weighting method; a task without labels (NaN) counts 0.
    /// </summary>
    private static double Objective(double[] losses) => losses.Where(l => !double.IsNaN(l)).Sum();

    /// <summary>Rejects a monitored task without validation data or labels before training starts.</summary>
    private void CheckMonitor(IReadOnlyDictionary<string, MultiTaskDataset>? validationSets)
    {
        if (validationSets is null || Options.Monitor.Task is not { } task)
        {
            return;
        }

        if (!validationSets.TryGetValue(task, out var data) || data.LabelCount(task) == 0)
        {
            throw new ArgumentException($"TrainerOptions.Monitor watches task '{task}', but the validation data has no label for it.", "validation");
        }
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

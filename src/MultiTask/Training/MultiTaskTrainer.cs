using System.Diagnostics;
using MultiTask.Data;
using MultiTask.Internal;
using MultiTask.Losses;
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
    private readonly double[] _weights;
    private optim.Optimizer? _optimizer;
    private Tensor? _weightTensor;

    /// <summary>Creates a trainer for a model.</summary>
    /// <param name="model">The model to train; not disposed by the trainer.</param>
    /// <param name="options">The settings; validated here. Default: <c>new TrainerOptions()</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="TrainerOptions.TaskWeights"/> names a task the model does not have.</exception>
    public MultiTaskTrainer(MultiTaskModel model, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        Options = (options ?? new TrainerOptions()).Validate();
        _weights = model.Tasks.Select(t => 1.0).ToArray();
        foreach (var (task, weight) in Options.TaskWeights ?? new Dictionary<string, double>())
        {
            _weights[model.IndexOf(task)] = weight;
        }

        var parameters = model.Network.parameters();
        _optimizer = Options.Optimizer switch
        {
            OptimizerKind.Adam => optim.Adam(parameters, Options.LearningRate, weight_decay: Options.WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(parameters, Options.LearningRate, weight_decay: Options.WeightDecay),
            _ => optim.SGD(parameters, Options.LearningRate, momentum: Options.Momentum, weight_decay: Options.WeightDecay),
        };
        _weightTensor = torch.tensor(_weights.Select(w => (float)w).ToArray()).to(model.Device).DetachFromDisposeScope();
    }

    /// <summary>The validated settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The loss weight of each task, in task order.</summary>
    public IReadOnlyList<double> TaskWeights => _weights;

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs (fewer with early stopping), reporting each epoch to a callback.</summary>
    /// <param name="train">Training rows with the model's tasks.</param>
    /// <param name="validation">Validation rows for the per-epoch validation loss and early stopping; optional.</param>
    /// <param name="onEpoch">Called synchronously after each epoch.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    public TrainingHistory Fit(MultiTaskDataset train, MultiTaskDataset? validation, Action<EpochRecord> onEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        return Fit(train, validation, new CallbackProgress(onEpoch), cancellationToken);
    }

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs (fewer with early stopping).</summary>
    /// <param name="train">Training rows with the model's tasks (matched by name).</param>
    /// <param name="validation">Validation rows for the per-epoch validation loss and early stopping; optional.</param>
    /// <param name="progress">Receives one <see cref="EpochRecord"/> per epoch; optional.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>Per-epoch, per-task losses and weights, and the early-stopping outcome.</returns>
    /// <exception cref="ArgumentException">A dataset does not match the model (inputs or tasks); the message names what differs.</exception>
    /// <exception cref="TrainingDivergedException">A task's loss became NaN or infinite; the weights are left as before that step.</exception>
    public TrainingHistory Fit(MultiTaskDataset train, MultiTaskDataset? validation = null, IProgress<EpochRecord>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_optimizer is null, this);
        if (Options.EarlyStoppingPatience is not null && validation is null)
        {
            throw new ArgumentException("Early stopping (TrainerOptions.EarlyStoppingPatience) needs a validation dataset.", nameof(validation));
        }

        using var trainView = AlignedView.Of(_model, train);
        using var validationView = validation is null ? null : AlignedView.Of(_model, validation);
        if (Options.Threads is int threads)
        {
            torch.set_num_threads(threads);
        }

        torch.manual_seed(Options.Seed);
        using var generator = new torch.Generator((ulong)Options.Seed);
        using var snapshot = new WeightSnapshot();
        var epochs = new List<EpochRecord>();
        double best = double.PositiveInfinity;
        int? bestEpoch = null;
        int sinceBest = 0;
        bool stoppedEarly = false;
        bool keepBest = validation is not null && Options.RestoreBestWeights;
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var trainLoss = TrainEpoch(trainView.Data, generator, epoch, cancellationToken);
            double[]? validationLoss = validationView is null ? null : ValidationLosses(validationView.Data);
            double? validationTotal = validationLoss is null ? null : Weighted(validationLoss);
            var record = new EpochRecord(
                epoch,
                Options.Epochs,
                Weighted(trainLoss),
                validationTotal,
                _model.Tasks.Select((t, i) => new TaskEpochRecord(t.Name, trainLoss[i], validationLoss?[i], _weights[i])).ToArray(),
                clock.Elapsed);
            epochs.Add(record);
            progress?.Report(record);
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
                else if (++sinceBest >= Options.EarlyStoppingPatience && epoch < Options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        bool restored = keepBest && bestEpoch is int b && b != epochs.Count;
        if (restored)
        {
            snapshot.Restore(_model.Network);
        }

        return new TrainingHistory(epochs, bestEpoch, stoppedEarly, restored);
    }

    /// <summary>Frees the optimiser state. Idempotent; the model is not disposed.</summary>
    public void Dispose()
    {
        _optimizer?.Dispose();
        _optimizer = null;
        _weightTensor?.Dispose();
        _weightTensor = null;
    }

    private double[] TrainEpoch(MultiTaskDataset data, torch.Generator generator, int epoch, CancellationToken cancellationToken)
    {
        var tasks = _model.Tasks;
        int taskCount = tasks.Count;
        var network = _model.Network;
        var device = _model.Device;
        var sums = new double[taskCount];
        var counts = new double[taskCount];
        int batchSize = Options.BatchSize;
        network.train();
        using var order = (Options.Shuffle ? torch.randperm(data.Count, generator: generator) : torch.arange(data.Count)).DetachFromDisposeScope();
        int step = 0;
        for (int start = 0; start < data.Count; start += batchSize, step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(batchSize, data.Count - start);
            var rows = order.narrow(0, start, count);
            var x = data.Inputs.index_select(0, rows).to(device);
            var y = data.Targets.index_select(0, rows).to(device);
            var m = data.Mask.index_select(0, rows).to(device);
            var outputs = network.forward(x);
            var perSample = new Tensor[taskCount];
            for (int t = 0; t < taskCount; t++)
            {
                perSample[t] = TaskLoss.PerSample(tasks[t], outputs[t], y.select(1, t));
            }

            // Every task's masked mean at once, Σ mask·loss / max(Σ mask, 1) as in TaskLoss.MaskedMean: the [tasks, batch]
            // stack keeps each task's reduction contiguous, and one label count serves the division and the history.
            // Fewer small ops per step than one MaskedMean per task (see tests/MultiTask.Benchmarks/README.md).
            var labelled = m.sum(dim: 0);
            var stacked = torch.stack(perSample).mul(m.t()).sum(dim: 1).div(labelled.clamp_min(1));
            var stats = torch.cat([stacked.detach(), labelled]).cpu().data<float>().ToArray();
            for (int t = 0; t < taskCount; t++)
            {
                if (!float.IsFinite(stats[t]))
                {
                    throw new TrainingDivergedException(
                        $"Task '{tasks[t].Name}' has a non-finite loss ({stats[t]}) at epoch {epoch}, step {step}; the step was not applied. " +
                        "Try a lower learning rate, gradient clipping (MaxGradientNorm), or scaling the inputs and targets.");
                }

                sums[t] += (double)stats[t] * stats[taskCount + t];
                counts[t] += stats[taskCount + t];
            }

            _optimizer!.zero_grad();
            stacked.mul(_weightTensor!).sum().backward();
            if (Options.MaxGradientNorm is double maxNorm)
            {
                torch.nn.utils.clip_grad_norm_(network.parameters(), maxNorm);
            }

            _optimizer.step();
        }

        return sums.Select((s, t) => counts[t] > 0 ? s / counts[t] : double.NaN).ToArray();
    }

    private double[] ValidationLosses(MultiTaskDataset data)
    {
        var run = ModelRunner.Run(_model.Network, _model.Tasks, _model.Device, data.Inputs, data.Targets, data.Mask, Math.Max(Options.BatchSize, 1024));
        return run.LossSums.Select((s, t) => run.LabelCounts[t] > 0 ? s / run.LabelCounts[t] : double.NaN).ToArray();
    }

    private double Weighted(double[] losses)
    {
        double total = 0;
        for (int t = 0; t < losses.Length; t++)
        {
            if (!double.IsNaN(losses[t]))
            {
                total += _weights[t] * losses[t];
            }
        }

        return total;
    }

    private sealed class CallbackProgress(Action<EpochRecord> callback) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => callback(value);
    }
}

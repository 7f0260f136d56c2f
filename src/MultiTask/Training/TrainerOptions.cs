using MultiTask.Training.Schedules;

namespace MultiTask.Training;

/// <summary>
/// Settings of a <see cref="MultiTaskTrainer"/>. Each setting is checked when it is set, so an invalid options object
/// cannot exist: an out-of-range value throws <see cref="ArgumentOutOfRangeException"/> naming the setting and its range.
/// Rules that involve the trainer's other arguments (task names, the weighting method, validation data) are checked by
/// the trainer.
/// </summary>
public sealed class TrainerOptions
{
    private const string Owner = nameof(TrainerOptions);

    /// <summary>The optimiser. Default: <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; init => field = OptionRanges.Defined(value, Owner); } = OptimizerKind.Adam;

    /// <summary>The learning rate. Range: finite and &gt; 0. Default: 1e-3.</summary>
    public double LearningRate { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 1e-3;

    /// <summary>Weight decay (L2 for Adam and SGD, decoupled for AdamW). Range: finite and ≥ 0. Default: 0.</summary>
    public double WeightDecay { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); }

    /// <summary>Momentum of SGD. Range: [0, 1). Default: 0.9.</summary>
    public double Momentum { get; init => field = OptionRanges.Require(value, value is >= 0 and < 1, "in [0, 1)", Owner); } = 0.9;

    /// <summary>The number of passes over the training data. Range: ≥ 1. Default: 10.</summary>
    public int Epochs { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 10;

    /// <summary>Rows per training step. Range: ≥ 1. Default: 64.</summary>
    public int BatchSize { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 64;

    /// <summary>Whether rows are shuffled every epoch (reproducibly, from <see cref="Seed"/>). Default: true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Static per-task loss weights by task name (task prioritisation): the training loss is Σ wₜ·Lₜ. Tasks not listed
    /// weigh 1. Only with the default weighting (no weighting method given to the trainer; checked by the trainer, as are
    /// the task names). The dictionary is copied when set. Range: each finite and ≥ 0.
    /// Default: none (all 1).
    /// </summary>
    public IReadOnlyDictionary<string, double>? TaskWeights { get; init => field = CheckedWeights(value); }

    /// <summary>
    /// Learning rates of parameter groups, by parameter-name prefix (<c>"trunk"</c>, <c>"heads"</c>,
    /// <c>"heads.income"</c>, <c>"trunk.linear0"</c>): discriminative fine-tuning, e.g. a pre-trained trunk at a tenth of
    /// the heads' rate (Howard and Ruder, ACL 2018). A parameter takes the rate of the longest prefix it lies under;
    /// the others take <see cref="LearningRate"/>. Each prefix must name a group of the model (checked by the trainer).
    /// The dictionary is copied when set. Range: each rate finite and &gt; 0. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, double>? GroupLearningRates { get; init => field = CheckedRates(value); }

    /// <summary>Clips the global gradient norm to this value before each step; null for no clipping. Range: finite and &gt; 0, or null. Default: null.</summary>
    public double? MaxGradientNorm { get; init => field = OptionRanges.Require(value, value is null || (value > 0 && double.IsFinite(value.Value)), "finite and > 0, or null", Owner); }

    /// <summary>
    /// Stops when the <see cref="Monitor"/>ed validation value has not improved by more than <see cref="EarlyStoppingMinDelta"/>
    /// for this many epochs; null to train all epochs. Needs a validation dataset (checked by <c>Fit</c>). The count
    /// continues across <c>Fit</c> calls and checkpoints. Range: ≥ 1, or null. Default: null.
    /// </summary>
    public int? EarlyStoppingPatience { get; init => field = OptionRanges.Require(value, value is null or >= 1, "≥ 1, or null", Owner); }

    /// <summary>The improvement of the monitored value that counts (in its direction). Range: finite and ≥ 0. Default: 0.</summary>
    public double EarlyStoppingMinDelta { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); }

    /// <summary>
    /// The validation value that early stopping, the best epoch (<see cref="RestoreBestWeights"/>) and
    /// <see cref="ReduceOnPlateau"/> watch: the validation objective, a task's loss, a task's metric or a metric's mean
    /// over tasks. The task name is checked by the trainer. Default: the validation objective (<c>new ValidationMonitor()</c>).
    /// </summary>
    public ValidationMonitor Monitor { get; init => field = value ?? throw new ArgumentNullException(nameof(Monitor), "TrainerOptions.Monitor must not be null; new ValidationMonitor() watches the validation objective."); } = new();

    /// <summary>
    /// Whether the model ends <c>Fit</c> with the weights of the epoch with the best <see cref="Monitor"/>ed value (kept in
    /// memory, and in checkpoints), also when training stops early, by a callback or by divergence. Default: true (when validating).
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>How the learning rate changes during training; null for a constant <see cref="LearningRate"/>. Rules against other settings are checked by the trainer. Default: null.</summary>
    public LearningRateSchedule? LearningRateSchedule { get; init; }

    /// <summary>
    /// How many times a divergence (non-finite loss, gradient or weight, or validation loss) is recovered from before
    /// <see cref="TrainingDivergedException"/> is thrown: the weights, optimiser and weighting state go back to the start
    /// of the epoch (kept in memory), every later learning rate is multiplied by <see cref="DivergenceLearningRateFactor"/>,
    /// and the epoch is trained again (with the same shuffling and dropout seeds). Counted over the run (across <c>Fit</c>
    /// calls and checkpoints). Range: ≥ 0. Default: 0 (no recovery).
    /// </summary>
    public int DivergenceRetries { get; init => field = OptionRanges.Require(value, value >= 0, "≥ 0", Owner); }

    /// <summary>The factor applied to the learning rate at each recovery (<see cref="DivergenceRetries"/>). Range: (0, 1). Default: 0.5.</summary>
    public double DivergenceLearningRateFactor { get; init => field = OptionRanges.Require(value, value is > 0 and < 1, "in (0, 1)", Owner); } = 0.5;

    /// <summary>Seeds the shuffling and TorchSharp's generator (dropout). Same seed and thread count give bit-identical weights on CPU. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The number of CPU threads TorchSharp uses while <c>Fit</c> runs (the previous setting is restored afterwards);
    /// null uses the model's <see cref="MultiTaskModel.Threads"/> (which also applies to its <c>Predict</c> and
    /// <c>Evaluate</c>), and when that is null too leaves the current setting. Small models often train faster on 1 thread. Range: ≥ 1, or null. Default: null.
    /// </summary>
    public int? Threads { get; init => field = OptionRanges.Require(value, value is null or >= 1, "≥ 1, or null", Owner); }

    /// <summary>Where gradient-based weighting methods take per-task gradients. Default: <see cref="GradientSource.SharedParameters"/>.</summary>
    public GradientSource GradientSource { get; init => field = OptionRanges.Defined(value, Owner); } = GradientSource.SharedParameters;

    /// <summary>What gradient heads receive under gradient-based weighting. Default: <see cref="HeadGradientMode.Unweighted"/>.</summary>
    public HeadGradientMode HeadGradients { get; init => field = OptionRanges.Defined(value, Owner); } = HeadGradientMode.Unweighted;

    /// <summary>Whether and how often gradient cosines between tasks are measured. Default: <see cref="GradientDiagnostics.None"/>.</summary>
    public GradientDiagnostics GradientDiagnostics { get; init => field = OptionRanges.Defined(value, Owner); } = GradientDiagnostics.None;

    /// <summary>Which tasks each step trains when <c>Fit</c> gets one dataset. Default: <see cref="TaskSchedule.Joint"/>.</summary>
    public TaskSchedule Schedule { get; init => field = OptionRanges.Defined(value, Owner); } = TaskSchedule.Joint;

    /// <summary>How steps draw rows when <c>Fit</c> gets one dataset per task. Default: <see cref="TaskSampling.CycleToLongest"/>.</summary>
    public TaskSampling Sampling { get; init => field = OptionRanges.Defined(value, Owner); } = TaskSampling.CycleToLongest;

    private static IReadOnlyDictionary<string, double>? CheckedRates(IReadOnlyDictionary<string, double>? rates)
    {
        if (rates is null)
        {
            return null;
        }

        var copy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (prefix, rate) in rates)
        {
            Transfer.ParameterNames.CheckPrefix(prefix, $"{nameof(GroupLearningRates)} key");
            copy[prefix] = OptionRanges.Require(rate, rate > 0 && double.IsFinite(rate), "finite and > 0", Owner, $"{nameof(GroupLearningRates)}['{prefix}']");
        }

        return copy;
    }

    private static IReadOnlyDictionary<string, double>? CheckedWeights(IReadOnlyDictionary<string, double>? weights)
    {
        if (weights is null)
        {
            return null;
        }

        var copy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (task, weight) in weights)
        {
            copy[task] = OptionRanges.Require(weight, weight >= 0 && double.IsFinite(weight), "finite and ≥ 0", Owner, $"{nameof(TaskWeights)}['{task}']");
        }

        return copy;
    }
}

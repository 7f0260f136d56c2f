namespace MultiTask.Training;

/// <summary>Settings of a <see cref="MultiTaskTrainer"/>. Validated when the trainer is created.</summary>
public sealed class TrainerOptions
{
    /// <summary>The optimiser. Default: <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate. Range: &gt; 0. Default: 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay (L2 for Adam and SGD, decoupled for AdamW). Range: ≥ 0. Default: 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Momentum of SGD. Range: [0, 1). Default: 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>The number of passes over the training data. Range: ≥ 1. Default: 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per training step. Range: ≥ 1. Default: 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Whether rows are shuffled every epoch (reproducibly, from <see cref="Seed"/>). Default: true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Static per-task loss weights by task name (task prioritisation): the training loss is Σ wₜ·Lₜ. Tasks not listed
    /// weigh 1. Only with the default weighting (no weighting method given to the trainer). Range: each finite and ≥ 0.
    /// Default: none (all 1).
    /// </summary>
    public IReadOnlyDictionary<string, double>? TaskWeights { get; init; }

    /// <summary>Clips the global gradient norm to this value before each step; null for no clipping. Range: &gt; 0. Default: null.</summary>
    public double? MaxGradientNorm { get; init; }

    /// <summary>
    /// Stops when the validation loss has not improved by more than <see cref="EarlyStoppingMinDelta"/> for this many
    /// epochs; null to train all epochs. Needs a validation dataset. Range: ≥ 1. Default: null.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>The improvement of the validation loss that counts. Range: ≥ 0. Default: 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Whether the weights of the epoch with the lowest validation loss are restored at the end. Default: true (when validating).</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Seeds the shuffling and TorchSharp's generator (dropout). Same seed and thread count give bit-identical weights on CPU. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The number of CPU threads TorchSharp uses while <c>Fit</c> runs (the previous setting is restored afterwards);
    /// null uses the model's <see cref="MultiTaskModel.Threads"/> (which also applies to its <c>Predict</c> and
    /// <c>Evaluate</c>), and when that is null too leaves the current setting. Small models often train faster on 1 thread. Range: ≥ 1. Default: null.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Where gradient-based weighting methods take per-task gradients. Default: <see cref="GradientSource.SharedParameters"/>.</summary>
    public GradientSource GradientSource { get; init; } = GradientSource.SharedParameters;

    /// <summary>What gradient heads receive under gradient-based weighting. Default: <see cref="HeadGradientMode.Unweighted"/>.</summary>
    public HeadGradientMode HeadGradients { get; init; } = HeadGradientMode.Unweighted;

    /// <summary>Whether and how often gradient cosines between tasks are measured. Default: <see cref="GradientDiagnostics.None"/>.</summary>
    public GradientDiagnostics GradientDiagnostics { get; init; } = GradientDiagnostics.None;

    /// <summary>Which tasks each step trains when <c>Fit</c> gets one dataset. Default: <see cref="TaskSchedule.Joint"/>.</summary>
    public TaskSchedule Schedule { get; init; } = TaskSchedule.Joint;

    /// <summary>How steps draw rows when <c>Fit</c> gets one dataset per task. Default: <see cref="TaskSampling.CycleToLongest"/>.</summary>
    public TaskSampling Sampling { get; init; } = TaskSampling.CycleToLongest;

    /// <summary>Checks every setting; the message names the setting and its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public TrainerOptions Validate()
    {
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "> 0");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "≥ 0");
        Check(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "[0, 1)");
        Check(Epochs >= 1, nameof(Epochs), Epochs, "≥ 1");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "≥ 1");
        Check(MaxGradientNorm is null or > 0, nameof(MaxGradientNorm), MaxGradientNorm, "> 0 or null");
        Check(EarlyStoppingPatience is null or >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "≥ 1 or null");
        Check(EarlyStoppingMinDelta >= 0, nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "≥ 0");
        Check(Threads is null or >= 1, nameof(Threads), Threads, "≥ 1 or null");
        foreach (var (task, weight) in TaskWeights ?? new Dictionary<string, double>())
        {
            Check(weight >= 0 && double.IsFinite(weight), $"{nameof(TaskWeights)}['{task}']", weight, "finite and ≥ 0");
        }

        return this;
    }

    private static void Check(bool ok, string name, object? value, string range)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TrainerOptions.{name} must be {range}; got {value}.");
        }
    }
}

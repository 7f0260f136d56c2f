using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>What a weighting method learns about its training run when the trainer initialises it.</summary>
public sealed class WeightingSetup
{
    /// <summary>The number of tasks T.</summary>
    public required int TaskCount { get; init; }

    /// <summary>The task names, in task order.</summary>
    public required IReadOnlyList<string> TaskNames { get; init; }

    /// <summary>The training device, for methods that keep tensors.</summary>
    public required Device Device { get; init; }

    /// <summary>The trainer's seed, for methods with randomness.</summary>
    public required int Seed { get; init; }
}

using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>What a loss-based weighting method sees at one training step.</summary>
public sealed class LossWeightingContext
{
    /// <summary>The task losses, [T], attached to the autograd graph, in the step's dispose scope.</summary>
    public required Tensor Losses { get; init; }

    /// <summary>The same losses as numbers.</summary>
    public required double[] LossValues { get; init; }

    /// <summary>The epoch, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The training step, from 0, counted across epochs.</summary>
    public required long Step { get; init; }

    /// <summary>A generator seeded from the trainer's seed, for methods with randomness.</summary>
    public required Random Random { get; init; }

    /// <summary>The per-epoch mean training losses of the finished epochs.</summary>
    public required LossHistory History { get; init; }

    /// <summary>The run's state (created by the trainer from the method); methods without state may ignore it.</summary>
    /// <exception cref="InvalidOperationException">Read when no state was given (a context built by hand for a stateless method).</exception>
    public WeightingState State
    {
        get => field ?? throw new InvalidOperationException("This context has no WeightingState; create one with method.CreateState(setup) and pass it as State.");
        init;
    }

    /// <summary>The number of tasks T.</summary>
    public int TaskCount => LossValues.Length;
}

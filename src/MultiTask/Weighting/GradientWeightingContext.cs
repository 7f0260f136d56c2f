using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// What a gradient-based weighting method sees at one training step: the Gramian G = J Jᵀ of the per-task gradients
/// of the shared parameters (or of the shared representation), the task losses, and the step's position.
/// </summary>
/// <remarks>A class rather than a parameter list, so that members can be added without breaking methods.</remarks>
public sealed class GradientWeightingContext
{
    /// <summary>
    /// The T×T Gramian: entry (i, j) is the dot product of task i's and task j's gradient. The trainer accumulates it in
    /// float64 from the float32 gradients, so nearly opposite gradients keep their exact Gramian up to double rounding.
    /// </summary>
    public required double[,] Gramian { get; init; }

    /// <summary>The task losses of this step (batch means), in task order.</summary>
    public required double[] Losses { get; init; }

    /// <summary>The epoch, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The training step, from 0, counted across epochs.</summary>
    public required long Step { get; init; }

    /// <summary>A generator seeded from the trainer's seed, for methods with randomness (e.g. PCGrad's task order).</summary>
    public required Random Random { get; init; }

    /// <summary>
    /// The per-task gradients J, [T, P] float32 on the training device, for methods that need more than the Gramian
    /// (<see cref="GradientWeighting.NeedsJacobian"/>); null otherwise. Owned by the trainer; valid during the call only.
    /// </summary>
    public Tensor? Jacobian { get; init; }

    /// <summary>
    /// The shared representation z of the batch, flattened to [B·H] (detached), when the gradients are taken at the
    /// representation (<see cref="Training.GradientSource.Representation"/>); null otherwise. Valid during the call only.
    /// </summary>
    public Tensor? Representation { get; init; }

    /// <summary>
    /// The shape of the shared representation z before flattening (the batch first, e.g. [B, H]), when
    /// <see cref="Representation"/> is set; null otherwise. Lets methods sum the per-sample gradients over the batch, as
    /// LibMTL does with representation gradients (GradDrop's sign purity, ExcessMTL's excess risks).
    /// </summary>
    public IReadOnlyList<long>? RepresentationShape { get; init; }

    /// <summary>The per-epoch mean training losses of the finished epochs.</summary>
    public LossHistory History { get; init; } = new();

    /// <summary>The run's state (created by the trainer from the method); methods without state may ignore it.</summary>
    /// <exception cref="InvalidOperationException">Read when no state was given (a context built by hand for a stateless method).</exception>
    public WeightingState State
    {
        get => field ?? throw new InvalidOperationException("This context has no WeightingState; create one with method.CreateState(setup) and pass it as State.");
        init;
    }

    /// <summary>The number of tasks T.</summary>
    public int TaskCount => Losses.Length;
}

using System.Text.Json.Nodes;
using TorchSharp.Modules;

namespace MultiTask.Weighting;

/// <summary>
/// A task-balancing method: how the per-task losses (or their gradients) become one update of the shared weights.
/// Each method declares what it needs; the trainer provides exactly that.
/// </summary>
/// <remarks>
/// Derive from <see cref="LossWeighting"/> (methods that only see losses) or <see cref="GradientWeighting"/> (methods
/// that see per-task gradients). A method instance is bound to one trainer and one task set. Dispose releases any
/// tensor state; it is idempotent.
/// </remarks>
public abstract class WeightingMethod : IDisposable
{
    private protected WeightingMethod()
    {
    }

    /// <summary>The method's short name, as in the literature (e.g. "UW", "PCGrad").</summary>
    public abstract string Name { get; }

    /// <summary>Whether the method uses the per-epoch mean training losses (<see cref="WeightingSetup"/> provides them).</summary>
    public virtual bool NeedsLossHistory => false;

    /// <summary>Learnable parameters of the method (e.g. uncertainty weighting's log-variances); the trainer optimises them with the model.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Called once by the trainer before the first step.</summary>
    /// <param name="setup">The task count, device and seed.</param>
    public virtual void Initialize(WeightingSetup setup)
    {
    }

    /// <summary>The method's state (buffers, counters, learned values) as JSON, saved in the trainer's checkpoint; null when stateless.</summary>
    public virtual JsonObject? SaveState() => null;

    /// <summary>Restores state written by <see cref="SaveState"/>.</summary>
    /// <param name="state">The saved state.</param>
    public virtual void LoadState(JsonObject state)
    {
    }

    /// <summary>Releases tensor state. Idempotent.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases tensor state; override when the method owns tensors.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}

using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// Base of the loss-based methods with one learnable scalar sₜ per task (uncertainty weighting, IMTL-L): owns the
/// parameter, exposes it to the optimiser, and saves and restores its values.
/// </summary>
public abstract class LearnedLossScales : LossWeighting
{
    private readonly double _initial;
    private TaskVector? _scales;

    /// <summary>Creates the method with every sₜ starting at <paramref name="initial"/>.</summary>
    /// <param name="initial">The initial value of each sₜ.</param>
    private protected LearnedLossScales(double initial)
    {
        if (!double.IsFinite(initial))
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "The initial value must be finite.");
        }

        _initial = initial;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => _scales is null ? [] : [_scales.Parameter];

    /// <summary>The current sₜ, in task order (empty before initialisation).</summary>
    public double[] Scales => _scales?.Values() ?? [];

    /// <summary>The learnable parameter s, [T], for subclasses' objectives.</summary>
    private protected Parameter S => _scales?.Parameter ?? throw new InvalidOperationException($"{Name} is used before the trainer initialised it.");

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        _scales?.Dispose();
        _scales = TaskVector.Create(setup, _initial);
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => _scales is null ? null : new() { ["s"] = _scales.ToJson() };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        (_scales ?? throw new InvalidOperationException($"{Name} state is loaded before the trainer initialised it.")).Load(state["s"], Name);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _scales?.Dispose();
        _scales = null;
    }
}

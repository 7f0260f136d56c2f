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
    private Parameter? _scales;

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
    public override IReadOnlyList<Parameter> Parameters => _scales is null ? [] : [_scales];

    /// <summary>The current sₜ, in task order (empty before initialisation).</summary>
    public double[] Scales
    {
        get
        {
            if (_scales is null)
            {
                return [];
            }

            using var scope = torch.NewDisposeScope();
            return _scales.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
        }
    }

    /// <summary>The learnable parameter s, [T], for subclasses' objectives.</summary>
    private protected Parameter S => _scales ?? throw new InvalidOperationException($"{Name} is used before the trainer initialised it.");

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _scales?.Dispose();
        using var scope = torch.NewDisposeScope();
        _scales = new Parameter(torch.full(setup.TaskCount, _initial, dtype: ScalarType.Float32, device: setup.Device));
        _scales.DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => new() { ["s"] = new JsonArray(Scales.Select(v => (JsonNode)v).ToArray()) };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var values = (state["s"] as JsonArray ?? throw new FormatException($"{Name} state lacks 's'.")).Select(n => n!.GetValue<float>()).ToArray();
        if (values.Length != S.shape[0])
        {
            throw new FormatException($"{Name} state has {values.Length} values; the model has {S.shape[0]} tasks.");
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        S.copy_(torch.tensor(values, device: S.device));
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _scales?.Dispose();
        _scales = null;
    }
}

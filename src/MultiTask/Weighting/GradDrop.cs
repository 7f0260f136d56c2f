using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// Gradient Sign Dropout (GradDrop), on gradients at the shared representation z. For each feature of z (each
/// position of one sample's representation), the tasks' signed gradients summed over the batch,
/// qₜ = Σ_batch ∇_z Lₜ ⊙ sign(z), give the sign purity P = ½(1 + Σₜqₜ / (Σₜ|qₜ| + 1e-7)); with U ~ Uniform(0, 1) drawn
/// once per feature, task t keeps its gradient at that feature when Mₜ = [P &gt; U]·[qₜ &gt; 0] + [P &lt; U]·[qₜ &lt; 0] is 1.
/// The update is Σₜ ∇_z Lₜ ⊙ (leak + (1 − leak)·Mₜ), the mask shared by every sample of the batch. The reported weight
/// of a task is its mean multiplier over the features, leak + (1 − leak)·mean(Mₜ). Heads receive their own task's
/// unweighted gradient.
/// </summary>
/// <remarks>
/// Chen, Ngiam, Huang, Luong, Kretzschmar, Chai and Anguelov, "Just Pick a Sign: Optimizing Deep Multitask Models with
/// Gradient Sign Dropout", NeurIPS 2020. Follows LibMTL (<c>LibMTL/weighting/GradDrop.py</c>): the batch sum of the
/// paper's batch-separated gradients (the representation's first dimension is the batch, from
/// <see cref="GradientWeightingContext.RepresentationShape"/>; without it the flattened representation counts as one
/// sample), the 1e-7 in P, and leak 0. U comes from a TorchSharp generator seeded from
/// <see cref="GradientWeightingContext.Random"/>, so a run is reproducible. Works only with
/// <see cref="Training.GradientSource.Representation"/>.
/// </remarks>
public sealed class GradDrop : GradientWeighting
{
    private const double PurityEpsilon = 1e-7;

    /// <summary>The share of every task's gradient that is always kept. Range: [0, 1]. Default: 0.</summary>
    public double Leak { get; init => field = Hyperparameter.Within(value, 0, 1); }

    /// <inheritdoc/>
    public override string Name => "GradDrop";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc/>
    public override bool RequiresRepresentationGradients => true;

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("GradDrop needs the per-task gradients at the representation (context.Jacobian).");
        var representation = context.Representation ?? throw new InvalidOperationException("GradDrop works on gradients at the shared representation; set TrainerOptions.GradientSource to Representation.");
        long tasks = jacobian.shape[0];
        long batch = context.RepresentationShape is { Count: > 0 } shape ? shape[0] : 1;
        var perSample = jacobian.view(tasks, batch, -1);
        var signed = perSample.mul(representation.view(batch, -1).sign().to(jacobian.dtype)).sum(dim: 1);
        var purity = signed.sum(dim: 0).div(signed.abs().sum(dim: 0).PlusScalar(PurityEpsilon)).PlusScalar(1).TimesScalar(0.5);

        using var generator = new torch.Generator((ulong)context.Random.NextInt64(), jacobian.device);
        var uniform = torch.rand(purity.shape, dtype: purity.dtype, device: purity.device, generator: generator);
        var mask = purity.gt(uniform).logical_and(signed.GreaterThan(0)).logical_or(purity.lt(uniform).logical_and(signed.LessThan(0))).to(jacobian.dtype);
        var multiplier = mask.TimesScalar(1 - Leak).PlusScalar(Leak);
        var direction = perSample.mul(multiplier.unsqueeze(1)).sum(dim: 0).flatten();
        var weights = multiplier.to(ScalarType.Float64).mean([1]).cpu().data<double>().ToArray();
        return new GradientCombination(weights, direction);
    }
}

using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// GradVac (gradient vaccine): like PCGrad, but each pair of tasks is steered towards an adaptive target cosine
/// similarity, an exponential moving average of the observed cosines, instead of towards orthogonality.
/// </summary>
/// <remarks>
/// <para>
/// Wang, Tsvetkov, Firat and Cao, "Gradient Vaccine: Investigating and Improving Multi-task Optimization in
/// Massively Multilingual Models", ICLR 2021.
/// </para>
/// <para>
/// Gramian form (as torchjd; the whole model is one parameter group, LibMTL's <c>GradVac_group_type=0</c>):
/// g_i^pc = Σₖ cᵢₖgₖ starts at cᵢ = eᵢ, and for each j ≠ i in a random order (from
/// <see cref="GradientWeightingContext.Random"/>) φ = cos(g_i^pc, gⱼ) = (cᵢG)ⱼ/(‖g_i^pc‖‖gⱼ‖ + ε); if φ &lt; φ̂ᵢⱼ,
/// cᵢⱼ += ‖g_i^pc‖(φ̂ᵢⱼ√(1−φ²) − φ√(1−φ̂ᵢⱼ²))/(‖gⱼ‖√(1−φ̂ᵢⱼ²) + ε), which sets the cosine to φ̂ᵢⱼ; then
/// φ̂ᵢⱼ ← (1−β)φ̂ᵢⱼ + βφ. The weights are Σᵢcᵢ (d = Σᵢ g_i^pc). The EMA is updated for every pair, as in the paper
/// and torchjd; LibMTL updates it only when a correction is made, so its φ̂ can only decrease.
/// </para>
/// <para>
/// State: the targets φ̂ (T×T, starting at 0, so the first call equals PCGrad), the matrix "targets" of the run's
/// <see cref="WeightingState"/>.
/// G = 0 gives weights 1 and leaves φ̂ at (1−β)φ̂. Not linear under scaling in general (φ̂ depends on the history),
/// and ε makes tiny gradients behave slightly differently from large ones.
/// </para>
/// </remarks>
public sealed class GradVac : GradientWeighting
{
    /// <summary>The EMA rate of the target cosines (LibMTL's <c>GradVac_beta</c>). Range: [0, 1]. Default: 0.5.</summary>
    public double Beta { get; init => field = Hyperparameter.Within(value, 0, 1); } = 0.5;

    /// <summary>Added to the denominators, as LibMTL and torchjd. Range: ≥ 0. Default: 1e-8.</summary>
    public double Eps { get; init => field = Hyperparameter.NonNegative(value); } = 1e-8;

    /// <inheritdoc />
    public override string Name => "GradVac";

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        var targets = context.State.Matrix("targets");
        var norms = GramianMath.Norms(g);
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = new double[n];
            c[i] = 1;
            foreach (int j in TaskOrder.ShuffledOthers(n, i, context.Random))
            {
                Vaccinate(g, norms, targets, c, i, j);
            }

            for (int k = 0; k < n; k++)
            {
                weights[k] += c[k];
            }
        }

        return new GradientCombination(weights);
    }

    private void Vaccinate(double[,] g, double[] norms, double[,] targets, double[] c, int i, int j)
    {
        var cg = GramianMath.Multiply(g, c);
        double normI = Math.Sqrt(Math.Max(0, GramianMath.Dot(c, cg)));
        double phi = cg[j] / ((normI * norms[j]) + Eps);
        double target = targets[i, j];
        if (phi < target)
        {
            double sinPhi = Math.Sqrt(Math.Max(0, 1 - (phi * phi)));
            double sinTarget = Math.Sqrt(Math.Max(0, 1 - (target * target)));
            c[j] += normI * ((target * sinPhi) - (phi * sinTarget)) / ((norms[j] * sinTarget) + Eps);
        }

        targets[i, j] = ((1 - Beta) * target) + (Beta * phi);
    }
}

using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// UPGrad (unconflicting projection of gradients): every task gradient is projected onto the dual cone of all task
/// gradients {x : gₜ·x ≥ 0 for all t}, and the projections are averaged.
/// </summary>
/// <remarks>
/// <para>
/// Quinton and Rey, "Jacobian Descent for Multi-Objective Optimization", arXiv 2406.16232 (2024); defaults as
/// torchjd's <c>UPGrad</c>.
/// </para>
/// <para>
/// The projection of Jᵀu onto the dual cone is Jᵀv with v = argmin vᵀG̃v subject to v ≥ u (Proposition 1), where
/// G̃ = G/trace(G) + regEps·I (G is replaced by 0 when trace(G) &lt; normEps). The weights are Σᵢ vᵢ over the T
/// problems with uᵢ = eᵢ/T. Each box-constrained QP is solved exactly by an active-set method in C# (see the solver
/// notes) instead of torchjd's quadprog.
/// </para>
/// <para>
/// Properties: the direction conflicts with no task ((Gw)ₜ ≥ 0 up to the regularisation); permuting the tasks
/// permutes the weights; weights are unchanged when G is multiplied by a positive factor, so d is linear in J under
/// scaling (while trace(G) ≥ normEps). G = 0 gives the weights 1/T (the direction is zero).
/// </para>
/// </remarks>
public sealed class UpGrad : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "UPGrad";

    /// <summary>Below this trace, G is treated as zero. Range: ≥ 0. Default: 1e-4 (torchjd).</summary>
    public double NormEps { get; init => field = Hyperparameter.NonNegative(value); } = 1e-4;

    /// <summary>The ridge added to the trace-normalised G to make the QPs strictly convex. Range: &gt; 0. Default: 1e-4 (torchjd).</summary>
    public double RegEps { get; init => field = Hyperparameter.Positive(value); } = 1e-4;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var prepared = DualConeProjection.Prepare(GramianMath.Read(context), NormEps, RegEps);
        int n = prepared.GetLength(0);
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var u = new double[n];
            u[i] = 1.0 / n;
            var v = DualConeProjection.Project(prepared, u);
            for (int k = 0; k < n; k++)
            {
                weights[k] += v[k];
            }
        }

        return new GradientCombination(weights);
    }
}

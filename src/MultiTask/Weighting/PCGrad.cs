using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// PCGrad ("gradient surgery"): each task gradient is projected onto the normal plane of every other task gradient it
/// conflicts with, visited in random order, and the projected gradients are summed.
/// </summary>
/// <remarks>
/// <para>Yu, Kumar, Gupta, Levine, Hausman and Finn, "Gradient Surgery for Multi-Task Learning", NeurIPS 2020.</para>
/// <para>
/// Gramian form (as torchjd): g_i^pc = Σₖ cᵢₖ gₖ starts at cᵢ = eᵢ; for each j ≠ i in a fresh random order (drawn
/// from <see cref="GradientWeightingContext.Random"/>), if g_i^pc·gⱼ = (cᵢG)ⱼ &lt; 0 then cᵢⱼ −= (cᵢG)ⱼ/Gⱼⱼ, a
/// projection against the original gⱼ. The weights are Σᵢ cᵢ, so d = Σᵢ g_i^pc (a sum, not a mean, as the paper
/// and LibMTL). LibMTL's loop also visits j = i, which only matters once earlier projections have turned g_i^pc
/// against gᵢ; this class follows torchjd and the paper and skips it.
/// </para>
/// <para>
/// For T = 2 the order does not matter. Weights are unchanged when G is multiplied by a positive factor (d is linear
/// in J under scaling). A zero gradient (Gⱼⱼ = 0) is never projected against; G = 0 gives weights 1.
/// </para>
/// </remarks>
public sealed class PCGrad : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "PCGrad";

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = new double[n];
            c[i] = 1;
            var dots = Row(g, i);
            foreach (int j in TaskOrder.ShuffledOthers(n, i, context.Random))
            {
                if (dots[j] < 0 && g[j, j] > 0)
                {
                    double coefficient = -dots[j] / g[j, j];
                    c[j] += coefficient;
                    for (int k = 0; k < n; k++)
                    {
                        dots[k] += coefficient * g[j, k];
                    }
                }
            }

            for (int k = 0; k < n; k++)
            {
                weights[k] += c[k];
            }
        }

        return new GradientCombination(weights);
    }

    private static double[] Row(double[,] g, int i) => Enumerable.Range(0, g.GetLength(1)).Select(k => g[i, k]).ToArray();
}

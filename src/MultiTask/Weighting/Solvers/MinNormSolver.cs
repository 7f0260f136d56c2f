namespace MultiTask.Weighting.Solvers;

/// <summary>
/// The minimum-norm point of the convex hull of the gradients: w ∈ Δ (w ≥ 0, Σw = 1) minimising ‖Jᵀw‖² = wᵀGw.
/// </summary>
/// <remarks>
/// <para>
/// T = 2 uses the exact closed form of Sener and Koltun (2018, Algorithm 1) with γ clamped to [0, 1] (LibMTL clamps
/// to [0.001, 0.999] at the ends; this solver does not).
/// </para>
/// <para>
/// T ≥ 3 uses an exact reformulation instead of Frank–Wolfe: the non-negative QP min ½vᵀGv − 1ᵀv, v ≥ 0, solved by
/// <see cref="BoxQp"/>. Its KKT conditions are (Gv)ₜ ≥ 1 with equality where vₜ &gt; 0; with w = v/Σv and
/// s = Σv they read (Gw)ₜ ≥ 1/s = wᵀGw with equality on the support, which are exactly the KKT conditions of the
/// min-norm problem. When 0 is in the hull the reformulation is unbounded, so G is first scaled to mean diagonal 1
/// and a ridge of 1e-10 is added; the result then satisfies (Gw)ₜ ≥ wᵀGw − 1e-10·mean(diag G) and, for a
/// well-conditioned G, matches the exact minimiser to about 1e-10.
/// </para>
/// <para>G = 0 (all gradients zero: every w is optimal) gives the uniform weights 1/T.</para>
/// </remarks>
internal static class MinNormSolver
{
    private const double Ridge = 1e-10;

    /// <summary>The minimum-norm weights on the simplex.</summary>
    public static double[] Solve(double[,] g)
    {
        int n = g.GetLength(0);
        double meanDiagonal = GramianMath.Trace(g) / n;
        if (n == 1)
        {
            return [1.0];
        }

        if (!(meanDiagonal > 0))
        {
            return GramianMath.Filled(n, 1.0 / n);
        }

        return n == 2 ? SolvePair(g) : SolveByNonNegativeQp(g, meanDiagonal);
    }

    private static double[] SolvePair(double[,] g)
    {
        double denominator = g[0, 0] + g[1, 1] - 2 * g[0, 1];
        if (!(denominator > 1e-15 * (g[0, 0] + g[1, 1])))
        {
            // g₁ = g₂: every point of the segment has the same norm.
            return [0.5, 0.5];
        }

        double gamma = Math.Clamp((g[1, 1] - g[0, 1]) / denominator, 0, 1);
        return [gamma, 1 - gamma];
    }

    private static double[] SolveByNonNegativeQp(double[,] g, double meanDiagonal)
    {
        int n = g.GetLength(0);
        var quadratic = GramianMath.AddRidge(GramianMath.Scale(g, 1 / meanDiagonal), Ridge);
        var v = BoxQp.SolveNonNegative(quadratic, GramianMath.Filled(n, -1.0));
        double sum = v.Sum();
        return v.Select(x => x / sum).ToArray();
    }
}

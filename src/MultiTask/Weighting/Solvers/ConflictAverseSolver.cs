namespace MultiTask.Weighting.Solvers;

/// <summary>
/// CAGrad's inner problem: w ∈ Δ minimising F(w) = g_wᵀg₀ + r‖g_w‖, with g_w = Jᵀw, g₀ = Jᵀ1/T and radius r ≥ 0.
/// </summary>
/// <remarks>
/// <para>
/// F is convex but not smooth where g_w = 0, so instead of a general non-smooth method this solver uses a
/// one-dimensional reduction. For μ ≥ 0 let w(μ) be the min-norm point of the hull of the shifted gradients
/// gₜ + μg₀, i.e. the minimiser over Δ of ½‖g_w‖² + μ g_wᵀg₀ (exact, by <see cref="MinNormSolver"/> on the
/// shifted Gramian H(μ) = G + μ(b1ᵀ + 1bᵀ) + μ²‖g₀‖²11ᵀ, b = G1/T). Its KKT conditions are those of F exactly when
/// ‖g_{w(μ)}‖ = rμ with μ &gt; 0, so any such root of ψ(μ) = ‖g_{w(μ)}‖ − rμ minimises F (KKT points of a convex
/// problem are optimal), and conversely a minimiser with g_w ≠ 0 is w(μ*) for the root μ* = ‖g_w‖/r ≤ μ_max =
/// max‖gₜ‖/r. ψ is continuous (the min-norm vector is unique) and ψ(μ_max) ≤ 0, so the solver halves μ from μ_max
/// (at most 60 times) until ψ &gt; 0, then bisects the bracket 64 times, to about 2⁻⁶⁴ of its width; the weights
/// then carry the accuracy of the min-norm solves (exact for T = 2, about 1e-10 otherwise).
/// </para>
/// <para>
/// If no μ &gt; 0 has ψ &gt; 0, the minimiser has g_w = 0 and the min-norm point w(0) is returned. r = 0 gives the
/// vertex minimising bᵀw.
/// </para>
/// </remarks>
internal static class ConflictAverseSolver
{
    private const int Halvings = 64;
    private const int ScanSteps = 60;

    /// <summary>The minimiser of g_wᵀg₀ + r‖g_w‖ over the simplex.</summary>
    /// <param name="g">The Gramian G.</param>
    /// <param name="radius">r = c·‖g₀‖ (CAGrad's √φ), in the units of √G.</param>
    public static double[] Solve(double[,] g, double radius)
    {
        int n = g.GetLength(0);
        var b = GramianMath.Multiply(g, GramianMath.Filled(n, 1.0 / n));
        if (!(radius > 0))
        {
            // F = bᵀw is linear: the best vertex.
            var vertex = new double[n];
            vertex[Array.IndexOf(b, b.Min())] = 1;
            return vertex;
        }

        double meanNormSquared = b.Sum() / n;
        double[] Weights(double mu) => MinNormSolver.Solve(Shifted(g, b, meanNormSquared, mu));
        bool Positive(double[] w, double mu) => GramianMath.DirectionNorm(g, w) - (radius * mu) > 0;

        // ψ ≤ 0 at μ_max; look below it for a μ with ψ > 0 to bracket a root.
        double high = GramianMath.Norms(g).Max() / radius;
        var best = Weights(high);
        double low = high;
        bool bracketed = false;
        for (int k = 0; k < ScanSteps && !bracketed; k++)
        {
            low = high / 2;
            var w = Weights(low);
            if (Positive(w, low))
            {
                bracketed = true;
            }
            else
            {
                high = low;
                best = w;
            }
        }

        if (!bracketed)
        {
            // No root with μ > 0: the optimum has g_w = 0, the min-norm point.
            return Weights(0);
        }

        for (int k = 0; k < Halvings; k++)
        {
            double mid = 0.5 * (low + high);
            var w = Weights(mid);
            if (Positive(w, mid))
            {
                low = mid;
            }
            else
            {
                high = mid;
                best = w;
            }
        }

        return best;
    }

    private static double[,] Shifted(double[,] g, double[] b, double meanNormSquared, double mu)
    {
        int n = b.Length;
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i, j] = g[i, j] + mu * (b[i] + b[j]) + mu * mu * meanNormSquared;
            }
        }

        return h;
    }
}

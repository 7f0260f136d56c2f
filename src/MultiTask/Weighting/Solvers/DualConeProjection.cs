namespace MultiTask.Weighting.Solvers;

/// <summary>
/// Weights of the projection of Jᵀu onto the dual cone {x : Jx ≥ 0} of the gradients, from the Gramian alone
/// (Quinton and Rey, 2024, Proposition 1): the projection is Jᵀv with v = argmin vᵀGv subject to v ≥ u.
/// </summary>
/// <remarks>
/// As torchjd, G is first normalised by its trace (G is replaced by 0 when trace(G) &lt; normEps) and regularised by
/// regEps·I, which makes the QP strictly convex; the QP is solved exactly by <see cref="BoxQp"/>. The result is
/// unchanged when G is multiplied by a positive factor (as long as trace(G) stays ≥ normEps).
/// </remarks>
internal static class DualConeProjection
{
    /// <summary>The regularised, trace-normalised Gramian the projections are computed with.</summary>
    public static double[,] Prepare(double[,] g, double normEps, double regEps) =>
        GramianMath.AddRidge(GramianMath.NormaliseByTrace(g, normEps), regEps);

    /// <summary>The weights v of the projection of Jᵀu, given the prepared Gramian.</summary>
    public static double[] Project(double[,] prepared, IReadOnlyList<double> u) =>
        BoxQp.Solve(prepared, new double[u.Count], u);
}

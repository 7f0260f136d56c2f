using MultiTask.Weighting.Solvers;

namespace MultiTask.Tests.Weighting.Solvers;

public sealed class ConflictAverseSolverTests
{
    [Fact]
    public void Solve_ReferenceGramian_PicksFirstTask()
    {
        // LibMTL's SLSQP gives w = [1, 0] for c = 0.5 (mtl-methods.md §1.5); r = 0.5·‖g₀‖ = 0.5·√3.
        var w = ConflictAverseSolver.Solve(GramianTestData.ReferenceGramian, 0.5 * Math.Sqrt(3));

        w[0].Should().BeApproximately(1, 1e-12);
        w[1].Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void Solve_ZeroRadius_PicksTaskLeastAlignedWithMean()
    {
        // r = 0: F = g_wᵀg₀ is linear; (G1/T)ₜ = (−2, 8), so the first vertex.
        var w = ConflictAverseSolver.Solve(GramianTestData.ReferenceGramian, 0);

        w.Should().Equal(1.0, 0.0);
    }

    [Fact]
    public void Solve_ZeroInHullWithOpposingTask_FindsNegativeObjective()
    {
        // g = (1, 0), (−1, 0), (0, −1), (0, 3): 0 is in the hull, but g₀ = (0, ½) and r = ¼ give
        // F(e₃) = −½ + ¼ = −¼, the unique minimum (F ≥ ½y + ¼|y| with y = −w₃ + 3w₄ ≥ −1).
        var j = new double[,] { { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 3 } };

        var w = ConflictAverseSolver.Solve(GramianTestData.Gramian(j), 0.25);

        w[2].Should().BeApproximately(1, 1e-8);
        (w[0] + w[1] + w[3]).Should().BeApproximately(0, 1e-8);
    }

    [Theory]
    [InlineData(3, 21, 0.5)]
    [InlineData(4, 22, 0.2)]
    [InlineData(5, 23, 0.8)]
    public void Solve_RandomGramian_SatisfiesKkt(int tasks, int seed, double c)
    {
        var g = GramianTestData.Gramian(GramianTestData.RandomJacobian(seed, tasks));
        var b = GramianMath.Multiply(g, GramianMath.Filled(tasks, 1.0 / tasks));
        double radius = c * Math.Sqrt(b.Sum() / tasks);

        var w = ConflictAverseSolver.Solve(g, radius);

        // ∂F = b + r·Gw/‖g_w‖ must be minimal (= ν) on the support and ≥ ν elsewhere.
        double norm = GramianMath.DirectionNorm(g, w);
        var gw = GramianMath.Multiply(g, w);
        var subgradient = b.Select((v, i) => v + (radius * gw[i] / norm)).ToArray();
        double nu = GramianMath.Dot(w, subgradient);
        w.Sum().Should().BeApproximately(1, 1e-12);
        for (int i = 0; i < tasks; i++)
        {
            subgradient[i].Should().BeGreaterThanOrEqualTo(nu - 1e-7);
            if (w[i] > 1e-9)
            {
                subgradient[i].Should().BeApproximately(nu, 1e-7);
            }
        }
    }
}

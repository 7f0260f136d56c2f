using MultiTask.Weighting.Solvers;

namespace MultiTask.Tests.Weighting.Solvers;

public sealed class FairnessSolverTests
{
    [Fact]
    public void Solve_AlphaOneOnReferenceGramian_SolvesGwEqualsInverse()
    {
        // Newton on the 2×2 system in plain double precision: w = (0.5914611522293679, 0.40707148288388545).
        var w = FairnessSolver.Solve(GramianTestData.ReferenceGramian, 1)!;

        w[0].Should().BeApproximately(0.5914611522293679, 1e-7);
        w[1].Should().BeApproximately(0.40707148288388545, 1e-7);
    }

    [Theory]
    [InlineData(0.5, 3, 31)]
    [InlineData(1.0, 4, 32)]
    [InlineData(2.0, 5, 33)]
    [InlineData(10.0, 3, 34)]
    public void Solve_RandomGramian_ResidualVanishes(double alpha, int tasks, int seed)
    {
        var g = GramianTestData.Gramian(GramianTestData.RandomJacobian(seed, tasks));

        var w = FairnessSolver.Solve(g, alpha)!;

        var gw = GramianMath.Multiply(g, w);
        w.Should().AllSatisfy(v => v.Should().BePositive());
        for (int i = 0; i < tasks; i++)
        {
            double target = Math.Pow(w[i], -1 / alpha);
            gw[i].Should().BeApproximately(target, 1e-6 * target);
        }
    }

    [Fact]
    public void Solve_ScaledGramian_ScalesByPowerOfFactor()
    {
        // G → sG maps w → s^(−α/(α+1)) w; for α = 2 and s = 9 that is 9^(−2/3).
        var g = GramianTestData.Gramian(GramianTestData.RandomJacobian(35, 3));

        var w = FairnessSolver.Solve(g, 2)!;
        var scaled = FairnessSolver.Solve(GramianTestData.Scale(g, 9), 2)!;

        for (int i = 0; i < 3; i++)
        {
            scaled[i].Should().BeApproximately(w[i] * Math.Pow(9, -2.0 / 3), 1e-9);
        }
    }

    [Fact]
    public void Solve_ZeroGramian_ReturnsNull()
    {
        FairnessSolver.Solve(new double[2, 2], 1).Should().BeNull();
    }
}

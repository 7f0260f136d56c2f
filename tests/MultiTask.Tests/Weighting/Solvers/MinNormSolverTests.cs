using MultiTask.Weighting.Solvers;

namespace MultiTask.Tests.Weighting.Solvers;

public sealed class MinNormSolverTests
{
    [Fact]
    public void Solve_ReferenceGramian_IsClosedFormPair()
    {
        // γ = (38 + 22) / (18 + 38 + 44) = 0.6.
        var w = MinNormSolver.Solve(GramianTestData.ReferenceGramian);

        w[0].Should().BeApproximately(0.6, 1e-15);
        w[1].Should().BeApproximately(0.4, 1e-15);
    }

    [Fact]
    public void Solve_PairWithDominatedGradient_PicksShorterEndpoint()
    {
        // g₁ = (1, 0), g₂ = (2, 0): the shorter gradient is the min-norm point.
        var w = MinNormSolver.Solve(new double[,] { { 1, 2 }, { 2, 4 } });

        w.Should().Equal(1.0, 0.0);
    }

    [Fact]
    public void Solve_OrthonormalGradients_GivesUniformWeights()
    {
        var w = MinNormSolver.Solve(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });

        w.Should().AllSatisfy(v => v.Should().BeApproximately(1.0 / 3, 1e-9));
    }

    [Fact]
    public void Solve_ZeroInHull_GivesZeroNormCombination()
    {
        // g₁ = (1, 0), g₂ = (0, 1), g₃ = (−1, −1): ⅓ each sums to zero.
        var j = new double[,] { { 1, 0 }, { 0, 1 }, { -1, -1 } };

        var w = MinNormSolver.Solve(GramianTestData.Gramian(j));

        w.Should().AllSatisfy(v => v.Should().BeApproximately(1.0 / 3, 1e-6));
    }

    [Fact]
    public void Solve_ZeroGramian_GivesUniformWeights()
    {
        MinNormSolver.Solve(new double[3, 3]).Should().Equal(1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(3, 12)]
    [InlineData(5, 13)]
    [InlineData(5, 14)]
    [InlineData(8, 15)]
    public void Solve_RandomGramian_IsOnSimplexAndSatisfiesKkt(int tasks, int seed)
    {
        var g = GramianTestData.Gramian(GramianTestData.RandomJacobian(seed, tasks));

        var w = MinNormSolver.Solve(g);

        w.Sum().Should().BeApproximately(1, 1e-12);
        w.Should().AllSatisfy(v => v.Should().BeGreaterThanOrEqualTo(0));
        double norm = GramianMath.Bilinear(w, g, w);
        GramianMath.Multiply(g, w).Should().AllSatisfy(v => v.Should().BeGreaterThanOrEqualTo(norm - 1e-8));
    }
}

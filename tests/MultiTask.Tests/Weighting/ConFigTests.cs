using MultiTask.Weighting;
using MultiTask.Weighting.Solvers;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class ConFigTests
{
    [Fact]
    public void Combine_ReferenceJacobian_MatchesTorchjd()
    {
        var w = Weights(new ConFig(), ReferenceJacobian);

        w.ShouldApproximate([1.226483157256779, 0.8441236008058425], 1e-10);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.1588, 2.0706, 2.0706], 1e-4);
    }

    [Theory]
    [InlineData(3, 401)]
    [InlineData(5, 402)]
    public void Combine_RandomJacobian_HasEqualCosineWithEveryTaskAndSumOfProjectionsAsLength(int tasks, int seed)
    {
        var j = RandomJacobian(seed, tasks);
        var d = Direction(j, Weights(new ConFig(), j));

        double length = Math.Sqrt(GramianMath.Dot(d, d));
        var norms = GramianMath.Norms(Gramian(j));
        var cosines = TaskProducts(j, d).Select((x, t) => x / (norms[t] * length)).ToArray();
        cosines.Should().AllSatisfy(c => c.Should().BeApproximately(cosines[0], 1e-10));
        TaskProducts(j, d).Sum().Should().BeApproximately(length * length, 1e-9 * length * length, "‖d‖ = Σₜ gₜ·d/‖d‖");
    }

    [Fact]
    public void Combine_ZeroGradient_IsIgnoredByUnitVectors()
    {
        // g₂ = 0: only u₁ = g₁/2 counts; the direction is g₁ with length g₁·u₁ = 2, i.e. weights (1, 0).
        new ConFig().Combine(Context(new double[,] { { 4, 0 }, { 0, 0 } })).Weights.ShouldApproximate([1, 0], 1e-12);
    }

    [Fact]
    public void Combine_ZeroGramian_GivesZeroWeights()
    {
        new ConFig().Combine(Context(new double[2, 2])).Weights.Should().Equal(0.0, 0.0);
    }
}

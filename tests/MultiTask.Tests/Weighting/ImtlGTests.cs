using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class ImtlGTests
{
    [Fact]
    public void Combine_ReferenceJacobian_MatchesTorchjdAndLibMtl()
    {
        var w = Weights(new ImtlG(), ReferenceJacobian);

        w.ShouldApproximate([0.5923, 0.4077], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.0767, 1, 1], 1e-4);
    }

    [Fact]
    public void Combine_ReferenceJacobian_ProjectionsOnUnitGradientsAreEqual()
    {
        var w = Weights(new ImtlG(), ReferenceJacobian);
        var d = Direction(ReferenceJacobian, w);

        // d·u₁ = (−4d₁ + d₂ + d₃)/√18 and d·u₂ = (6d₁ + d₂ + d₃)/√38.
        ((-4 * d[0]) + d[1] + d[2]).Should().BeApproximately(((6 * d[0]) + d[1] + d[2]) * Math.Sqrt(18) / Math.Sqrt(38), 1e-12);
        w.Sum().Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Combine_IdenticalGradients_SplitsEvenly()
    {
        // G = [[1, 1], [1, 1]]: G⁺ = ¼G, G⁺(1, 1) = (½, ½).
        new ImtlG().Combine(Context(new double[,] { { 1, 1 }, { 1, 1 } })).Weights.ShouldApproximate([0.5, 0.5], 1e-12);
    }

    [Fact]
    public void Combine_ZeroGradient_GetsNoWeight()
    {
        // G = diag(4, 0): n = (2, 0), G⁺n = (½, 0).
        new ImtlG().Combine(Context(new double[,] { { 4, 0 }, { 0, 0 } })).Weights.ShouldApproximate([1, 0], 1e-12);
    }

    [Fact]
    public void Combine_OppositeGradients_GivesZeroWeights()
    {
        // g₂ = −g₁: G⁺ = G/4 and G(1, 1) = 0, so Σv = 0.
        new ImtlG().Combine(Context(new double[,] { { 1, -1 }, { -1, 1 } })).Weights.Should().Equal(0.0, 0.0);
    }

    [Fact]
    public void Combine_ZeroGramian_GivesZeroWeights()
    {
        new ImtlG().Combine(Context(new double[3, 3])).Weights.Should().Equal(0.0, 0.0, 0.0);
    }
}

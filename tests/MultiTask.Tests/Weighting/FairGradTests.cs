using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class FairGradTests
{
    [Fact]
    public void Combine_ReferenceJacobian_MatchesLibMtlFixedPoint()
    {
        var w = Weights(new FairGrad(), ReferenceJacobian);

        w.ShouldApproximate([0.5915, 0.4071], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.0766, 0.9985, 0.9985], 1e-4);
    }

    [Fact]
    public void Combine_AlphaTwoOnOrthogonalGradients_SolvesEachTaskSeparately()
    {
        // G = diag(4, 1): 4w₁ = w₁^(−½) gives w₁ = 4^(−⅔); w₂ = 1.
        new FairGrad { Alpha = 2 }.Combine(Context(new double[,] { { 4, 0 }, { 0, 1 } })).Weights
            .ShouldApproximate([Math.Pow(4, -2.0 / 3), 1], 1e-7);
    }

    [Fact]
    public void Combine_OppositeGradients_RidgeKeepsWeightsFinite()
    {
        // g₂ = −g₁ has no solution. On G/‖G‖_F + 1e-8·I (‖G‖_F = 2) the symmetric solution has 1e-8·x = 1/x,
        // x = 1e4, mapped back by ‖G‖_F^(−½): w = 1e4/√2 each, and d = 0.
        var w = new FairGrad().Combine(Context(new double[,] { { 1, -1 }, { -1, 1 } })).Weights;

        w.ShouldApproximate([1e4 / Math.Sqrt(2), 1e4 / Math.Sqrt(2)], 1e-3);
    }

    [Fact]
    public void Combine_AlphaZero_GivesUniformWeights()
    {
        Weights(new FairGrad { Alpha = 0 }, ReferenceJacobian).Should().Equal(0.5, 0.5);
    }

    [Fact]
    public void Combine_ZeroGramian_GivesUniformWeights()
    {
        new FairGrad().Combine(Context(new double[2, 2])).Weights.Should().Equal(0.5, 0.5);
    }

    [Fact]
    public void Constructor_NegativeAlpha_ThrowsNamingParameter()
    {
        var act = () => new FairGrad { Alpha = -1 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Alpha");
    }
}

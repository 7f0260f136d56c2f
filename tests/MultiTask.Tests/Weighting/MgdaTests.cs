using MultiTask.Weighting;
using MultiTask.Weighting.Solvers;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class MgdaTests
{
    [Fact]
    public void Combine_ReferenceJacobianWithoutNormalisation_MatchesTorchjdAndLibMtl()
    {
        var w = Weights(new Mgda(), ReferenceJacobian);

        w.ShouldApproximate([0.6, 0.4], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0, 1, 1], 1e-4);
    }

    [Fact]
    public void Combine_ReferenceJacobianWithL2_ReturnsEffectiveWeightsOnRawGradients()
    {
        // Unit gradients have the min-norm point ½(û₁ + û₂); on the raw gradients that is (½/√18, ½/√38).
        var w = Weights(new Mgda { Normalization = MgdaNormalization.L2 }, ReferenceJacobian);

        w.ShouldApproximate([0.5 / Math.Sqrt(18), 0.5 / Math.Sqrt(38)], 1e-12);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.0153, 0.1990, 0.1990], 1e-4);
    }

    [Fact]
    public void Combine_LossNormalisation_DividesByLosses()
    {
        // ĝ = (g₁/2, g₂/4): Ĝ = [[4.5, −2.75], [−2.75, 2.375]], γ = 5.125/12.375, weights (γ/2, (1−γ)/4).
        var w = Weights(new Mgda { Normalization = MgdaNormalization.Loss }, ReferenceJacobian, [2, 4]);

        w.ShouldApproximate([0.20707070707070707, 0.14646464646464646], 1e-12);
    }

    [Fact]
    public void Combine_LossPlusL2WithZeroLoss_LeavesThatTaskUnnormalised()
    {
        // n = (0·√18 → 1, 4·√38), so Ĝ = [[18, −22/(4√38)], [−22/(4√38), 1/16]]; the closed form gives
        // γ = (1/16 + 22/(4√38))/(18 + 1/16 + 44/(4√38)) = 0.0481040415457778 and weights (γ, (1 − γ)/(4√38)).
        var w = Weights(new Mgda { Normalization = MgdaNormalization.LossPlusL2 }, ReferenceJacobian, [0, 4]);

        w.ShouldApproximate([0.0481040415457778, 0.038604478787268304], 1e-12);
    }

    [Theory]
    [InlineData(3, 101)]
    [InlineData(3, 102)]
    [InlineData(5, 103)]
    [InlineData(5, 104)]
    public void Combine_RandomGramian_WeightsOnSimplexSatisfyKkt(int tasks, int seed)
    {
        var g = Gramian(RandomJacobian(seed, tasks));

        var w = new Mgda().Combine(Context(g)).Weights;

        w.Sum().Should().BeApproximately(1, 1e-12);
        w.Should().AllSatisfy(x => x.Should().BeGreaterThanOrEqualTo(0));
        double squaredNorm = GramianMath.Bilinear(w, g, w);
        GramianMath.Multiply(g, w).Should().AllSatisfy(x => x.Should().BeGreaterThanOrEqualTo(squaredNorm - 1e-8));
    }

    [Fact]
    public void Combine_ZeroGramian_GivesUniformWeights()
    {
        new Mgda { Normalization = MgdaNormalization.L2 }.Combine(Context(new double[4, 4])).Weights.Should().Equal(0.25, 0.25, 0.25, 0.25);
    }

    [Fact]
    public void Constructor_UndefinedNormalisation_ThrowsNamingParameter()
    {
        var act = () => new Mgda { Normalization = (MgdaNormalization)7 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Normalization");
    }
}

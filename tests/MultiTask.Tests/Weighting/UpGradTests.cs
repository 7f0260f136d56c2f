using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class UpGradTests
{
    [Fact]
    public void Combine_ReferenceJacobian_MatchesTorchjd()
    {
        var w = Weights(new UpGrad(), ReferenceJacobian);

        w.ShouldApproximate([1.1109, 0.7894], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.2929, 1.9004, 1.9004], 1e-4);
    }

    [Fact]
    public void Combine_NonConflictingGradients_AveragesThem()
    {
        // Orthogonal gradients lie in their own dual cone: every projection is the gradient itself.
        new UpGrad().Combine(Context(new double[,] { { 4, 0 }, { 0, 1 } })).Weights.ShouldApproximate([0.5, 0.5], 1e-12);
    }

    [Fact]
    public void Combine_OppositeGradientsWithoutRegularisation_CancelToZeroDirection()
    {
        // g₂ = −g₁: the dual cone is the hyperplane g₁ᵀx = 0. Projecting g₁/2 onto it gives 0 = ½g₁ + ½g₂,
        // i.e. v = (½, ½) for each row, so the weights are (1, 1) and the direction is zero.
        var w = new UpGrad { RegEps = 1e-12 }.Combine(Context(new double[,] { { 1, -1 }, { -1, 1 } })).Weights;

        w.ShouldApproximate([1, 1], 1e-9);
    }

    [Fact]
    public void Combine_ZeroGramian_GivesMean()
    {
        new UpGrad().Combine(Context(new double[2, 2])).Weights.ShouldApproximate([0.5, 0.5], 1e-15);
    }

    [Fact]
    public void Constructor_ZeroRegEps_ThrowsNamingParameter()
    {
        var act = () => new UpGrad { RegEps = 0 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("RegEps");
    }
}

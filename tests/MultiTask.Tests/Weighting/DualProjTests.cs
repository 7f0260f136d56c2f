using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class DualProjTests
{
    [Fact]
    public void Combine_ReferenceJacobian_MatchesTorchjd()
    {
        var w = Weights(new DualProj(), ReferenceJacobian);

        w.ShouldApproximate([0.6109, 0.5], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.5563, 1.1109, 1.1109], 1e-4);
    }

    [Fact]
    public void Combine_ReferenceJacobian_ProjectionIsOrthogonalToConflictingTask()
    {
        // The mean (1, 1, 1) conflicts with g₁ = (−4, 1, 1) (dot −2): the projection lands on g₁ᵀd = 0, up to the
        // regularisation, while task 2's constraint stays inactive at w₂ = ½.
        var w = Weights(new DualProj { RegEps = 1e-12 }, ReferenceJacobian);
        var d = Direction(ReferenceJacobian, w);

        ((-4 * d[0]) + d[1] + d[2]).Should().BeApproximately(0, 1e-9);
        w[1].Should().BeApproximately(0.5, 1e-12);
        w[0].Should().BeApproximately(0.5 + (2.0 / 18), 1e-9);
    }

    [Fact]
    public void Combine_NonConflictingGradients_ReturnsMean()
    {
        new DualProj().Combine(Context(new double[,] { { 2, 1 }, { 1, 3 } })).Weights.ShouldApproximate([0.5, 0.5], 1e-15);
    }

    [Fact]
    public void Constructor_NegativeNormEps_ThrowsNamingParameter()
    {
        var act = () => new DualProj { NormEps = -1 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("NormEps");
    }
}

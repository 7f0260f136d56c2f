using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class CAGradTests
{
    // w_opt = (1, 0), ‖g₀‖ = √3, ‖g_w‖ = √18: weights (½ + 0.5√3/√18, ½) before rescaling.
    private static readonly double First = 0.5 + (0.5 * Math.Sqrt(3) / Math.Sqrt(18));

    [Fact]
    public void Combine_DefaultsOnReferenceJacobian_MatchLibMtl()
    {
        var w = Weights(new CAGrad(), ReferenceJacobian);

        w.ShouldApproximate([First / 1.25, 0.5 / 1.25], 1e-10);
        w.ShouldApproximate([0.5633, 0.4], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.1468, 0.9633, 0.9633], 1e-4);
    }

    [Fact]
    public void Combine_NoRescaleOnReferenceJacobian_MatchesTorchjd()
    {
        var w = Weights(new CAGrad { Rescale = CAGradRescale.None }, ReferenceJacobian);

        w.ShouldApproximate([0.7041, 0.5], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.1835, 1.2041, 1.2041], 1e-4);
    }

    [Fact]
    public void Combine_OnePlusCRescale_DividesByOnePointFive()
    {
        Weights(new CAGrad { Rescale = CAGradRescale.OnePlusC }, ReferenceJacobian).ShouldApproximate([First / 1.5, 0.5 / 1.5], 1e-10);
    }

    [Fact]
    public void Combine_ZeroC_GivesMean()
    {
        Weights(new CAGrad { C = 0, Rescale = CAGradRescale.None }, ReferenceJacobian).ShouldApproximate([0.5, 0.5], 1e-12);
    }

    [Fact]
    public void Combine_ZeroGramian_GivesZeroWeights()
    {
        new CAGrad().Combine(Context(new double[2, 2])).Weights.Should().Equal(0.0, 0.0);
    }

    [Theory]
    [InlineData(3, 301)]
    [InlineData(5, 302)]
    public void Combine_RandomJacobian_DirectionStaysInBallAroundMean(int tasks, int seed)
    {
        // Without rescaling, ‖d − g₀‖ = c‖g₀‖ exactly (the ball constraint is tight at the optimum).
        var j = RandomJacobian(seed, tasks);
        var w = Weights(new CAGrad { C = 0.4, Rescale = CAGradRescale.None }, j);

        var d = Direction(j, w);
        var g0 = Direction(j, Enumerable.Repeat(1.0 / tasks, tasks).ToArray());
        double distance = Math.Sqrt(d.Select((x, k) => (x - g0[k]) * (x - g0[k])).Sum());
        double radius = 0.4 * Math.Sqrt(g0.Sum(x => x * x));
        distance.Should().BeApproximately(radius, 1e-9 * radius);
    }

    [Fact]
    public void Constructor_NegativeC_ThrowsNamingParameter()
    {
        var act = () => new CAGrad { C = -0.1 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("C");
    }
}

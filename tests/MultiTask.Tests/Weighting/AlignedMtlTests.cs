using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class AlignedMtlTests
{
    [Fact]
    public void Combine_DefaultsOnReferenceJacobian_MatchLibMtl()
    {
        var w = Weights(new AlignedMtl(), ReferenceJacobian);

        w.ShouldApproximate([1.1181, 0.8165], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.4266, 1.9347, 1.9347], 1e-4);
    }

    [Fact]
    public void Combine_MeanPreferenceOnReferenceJacobian_MatchesTorchjd()
    {
        var w = Weights(new AlignedMtl { Preference = AlignedMtlPreference.Mean }, ReferenceJacobian);

        w.ShouldApproximate([0.5591, 0.4083], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.2133, 0.9673, 0.9673], 1e-4);
    }

    [Theory]
    [InlineData(AlignedMtlScale.Min, 1.0)]
    [InlineData(AlignedMtlScale.Median, 2.0)]
    [InlineData(AlignedMtlScale.Rmse, 2.160246899469287)]
    public void Combine_OrthogonalGradients_ScalesEveryGradientToChosenNorm(AlignedMtlScale scale, double sigma)
    {
        // G = diag(9, 4, 1): B = σ·diag(⅓, ½, 1) with σ² = 1 (min), 4 (median), 14/3 (mean).
        var w = new AlignedMtl { Scale = scale }.Combine(Context(new double[,] { { 9, 0, 0 }, { 0, 4, 0 }, { 0, 0, 1 } })).Weights;

        w.ShouldApproximate([sigma / 3, sigma / 2, sigma], 1e-12);
    }

    [Fact]
    public void Combine_IdenticalGradients_DropsNullSpace()
    {
        // G = [[1, 1], [1, 1]] keeps λ = 2 with v = (1, 1)/√2: B = vvᵀ and B·1 = (1, 1).
        new AlignedMtl().Combine(Context(new double[,] { { 1, 1 }, { 1, 1 } })).Weights.ShouldApproximate([1, 1], 1e-12);
    }

    [Fact]
    public void Combine_ZeroGramian_ReturnsPreference()
    {
        new AlignedMtl { Preference = AlignedMtlPreference.Mean }.Combine(Context(new double[4, 4])).Weights
            .Should().Equal(0.25, 0.25, 0.25, 0.25);
    }
}

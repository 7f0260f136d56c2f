using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class NashMtlTests
{
    // The fixed point Gw = 1/w on the raw reference Gramian, by Newton in plain double precision.
    private static readonly double[] FixedPoint = [0.5914611522293679, 0.40707148288388545];

    [Fact]
    public void Combine_ReferenceJacobian_MatchesTorchjd()
    {
        // ‖Jᵀw‖ = √2 for the fixed point, so clipping to 1 divides it by √2.
        var w = Weights(new NashMtl(), ReferenceJacobian);

        w.ShouldApproximate([0.4182261915497949, 0.287843005974859], 1e-7);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.0542, 0.7061, 0.7061], 1e-4);
    }

    [Fact]
    public void Combine_NoClipping_ReturnsFixedPointOfFrobeniusNormalisedGramian()
    {
        // G̃ = G/‖G‖_F, so α = w·‖G‖_F^½ with ‖G‖_F = √2736.
        var w = Weights(new NashMtl { MaxNorm = 0 }, ReferenceJacobian);

        w.ShouldApproximate(FixedPoint.Select(x => x * Math.Pow(2736, 0.25)).ToArray(), 1e-6);
    }

    [Fact]
    public void Combine_BetweenUpdates_ReusesPreviousAlpha()
    {
        var method = new NashMtl { MaxNorm = 0, UpdateWeightsEvery = 2 };
        var state = FreshState(2);
        var other = new double[,] { { 4, 0 }, { 0, 1 } };

        var first = method.Combine(Context(ReferenceGramian, state: state)).Weights;
        var second = method.Combine(Context(other, state: state)).Weights;
        var third = method.Combine(Context(other, state: state)).Weights;

        second.Should().Equal(first);
        // diag(4, 1)/√17: αₜ² Gₜₜ/√17 = 1, so α = (17^¼/2, 17^¼).
        third.ShouldApproximate([Math.Pow(17, 0.25) / 2, Math.Pow(17, 0.25)], 1e-6);
    }

    [Fact]
    public void SaveState_RoundTripThroughJsonText_RestoresAlphaAndCallCount()
    {
        var method = new NashMtl { MaxNorm = 0, UpdateWeightsEvery = 2 };
        var state = FreshState(2);
        var first = method.Combine(Context(ReferenceGramian, state: state)).Weights;

        var restored = new NashMtl { MaxNorm = 0, UpdateWeightsEvery = 2 };
        using var restoredState = GradientContexts.Reloaded(state, restored, 2);
        var next = restored.Combine(Context(new double[,] { { 4, 0 }, { 0, 1 } }, state: restoredState)).Weights;

        next.Should().Equal(first, "the second call reuses the saved α");
    }

    [Fact]
    public void Combine_ZeroGramian_KeepsInitialOnes()
    {
        new NashMtl().Combine(Context(new double[2, 2])).Weights.Should().Equal(1.0, 1.0);
    }

    [Fact]
    public void Constructor_ZeroUpdateInterval_ThrowsNamingParameter()
    {
        var act = () => new NashMtl { UpdateWeightsEvery = 0 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("UpdateWeightsEvery");
    }
}

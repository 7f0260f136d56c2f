using System.Text.Json.Nodes;
using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class GradVacTests
{
    // cos(g₁, g₂) = −22/√(18·38).
    private static readonly double Cosine = -22 / Math.Sqrt(18 * 38);

    [Fact]
    public void Combine_FirstCall_EqualsPCGradAsTorchjd()
    {
        var w = Weights(new GradVac(), ReferenceJacobian);

        w.ShouldApproximate([2.2222, 1.5789], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.5848, 3.8012, 3.8012], 1e-4);
    }

    [Fact]
    public void Combine_FirstCall_StoresHalfTheObservedCosine()
    {
        var method = new GradVac();
        var state = FreshState(2);
        method.Combine(Context(ReferenceGramian, state: state));

        var targets = state.Matrix("targets");

        // ε = 1e-8 in the cosine's denominator shifts it by about 1e-10.
        targets[0, 1].Should().BeApproximately(0.5 * Cosine, 1e-9);
        targets[1, 0].Should().BeApproximately(0.5 * Cosine, 1e-9);
        targets[0, 0].Should().Be(0);
    }

    [Fact]
    public void Combine_SecondCall_SteersEachPairToTargetCosine()
    {
        // Second call: φ̂ = ½cos < 0 and φ = cos < φ̂, so g₁ + x g₂ and g₂ + y g₁ get cosine exactly φ̂ with their
        // partner; for T = 2 the weights are (1 + y, 1 + x).
        var method = new GradVac();
        var state = FreshState(2);
        method.Combine(Context(ReferenceGramian, state: state));
        var w = method.Combine(Context(ReferenceGramian, seed: 1, state: state)).Weights;

        var j = ReferenceJacobian;
        var first = Direction(j, [1, w[1] - 1]);
        var second = Direction(j, [w[0] - 1, 1]);
        CosineWith(first, [6, 1, 1]).Should().BeApproximately(0.5 * Cosine, 1e-7);
        CosineWith(second, [-4, 1, 1]).Should().BeApproximately(0.5 * Cosine, 1e-7);
        state.Matrix("targets")[0, 1].Should().BeApproximately(0.75 * Cosine, 1e-9);
    }

    [Fact]
    public void LoadState_SavedTargets_ReproduceNextCall()
    {
        var original = new GradVac();
        var state = FreshState(2);
        original.Combine(Context(ReferenceGramian, state: state));
        var restored = new GradVac();
        using var restoredState = GradientContexts.Reloaded(state, restored, 2);

        var expected = original.Combine(Context(ReferenceGramian, seed: 3, state: state)).Weights;
        var actual = restored.Combine(Context(ReferenceGramian, seed: 3, state: restoredState)).Weights;

        actual.Should().Equal(expected);
    }

    [Fact]
    public void LoadState_NonSquareTargets_ThrowsNamingState()
    {
        var json = new JsonObject { ["matrices"] = new JsonObject { ["targets"] = new JsonArray(new JsonArray(0.0, 0.0)) } };
        using var state = new GradVac().CreateState(LossWeightingTests.Setup(2));

        var act = () => state.Load(json);

        act.Should().Throw<FormatException>().WithMessage("GradVac state 'targets' has 1 rows; the trainer has 2 tasks.");
    }

    [Fact]
    public void Constructor_BetaAboveOne_ThrowsNamingParameter()
    {
        var act = () => new GradVac { Beta = 1.5 };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Beta");
    }

    private static double CosineWith(double[] a, double[] b)
    {
        double dot = a.Zip(b, (x, y) => x * y).Sum();
        return dot / Math.Sqrt(a.Sum(x => x * x) * b.Sum(x => x * x));
    }
}

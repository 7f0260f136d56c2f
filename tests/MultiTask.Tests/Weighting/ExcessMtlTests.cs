using MultiTask.Tests.TestUtilities;
using MultiTask.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// ExcessMTL against numbers computed by hand from H += g², eₜ = Σₚ gₜₚ²/√Hₜₚ, w ← w·exp(η·eₜ/e⁰ₜ) renormalised to
/// Σw = T. The 1e-7 in √(H + 1e-7) changes the results by less than the tolerances.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ExcessMtlTests
{
    private static readonly double[,] First = { { -4, 1, 1 }, { 6, 1, 1 } };
    private static readonly double[,] Second = { { -4, 1, 1 }, { 0, 1, 1 } };

    [Fact]
    public void FirstStepRecordsTheRisks_LaterStepsReweightMultiplicatively()
    {
        var excess = new ExcessMtl { RobustStepSize = 1 };
        using var excessState = excess.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Step 1: H = g², so eₜ = Σ|gₜₚ| = [6, 8] = e⁰; the weights stay 1 and d = g₁ + g₂ (no explicit direction).
        var first = excess.Combine(GradientContexts.Of(First, [1, 1], state: excessState));
        first.Weights.Should().Equal(1.0, 1.0);
        first.Direction.Should().BeNull();
        first.HeadScales.Should().Equal(1.0, 1.0);

        // Step 2: H₁ = [32, 2, 2] → e₁ = 16/√32 + 2/√2 = 3√2, ratio 1/√2; H₂ = [36, 2, 2] → e₂ = 0 + 2/√2 = √2,
        // ratio √2/8. w = 2·[e^{r₁}, e^{r₂}]/(e^{r₁} + e^{r₂}).
        var second = excess.Combine(GradientContexts.Of(Second, [1, 1], state: excessState));
        double r1 = 1 / Math.Sqrt(2), r2 = Math.Sqrt(2) / 8;
        double w1 = 2 * Math.Exp(r1) / (Math.Exp(r1) + Math.Exp(r2)), w2 = 2 - w1;
        second.Weights[0].Should().BeApproximately(w1, 1e-6);
        second.Weights[1].Should().BeApproximately(w2, 1e-6);
        second.HeadScales.Should().Equal(second.Weights, "heads get wₜ∇Lₜ, as LibMTL's backward of Σ wₜLₜ");
        second.Direction.Should().BeNull("d = Σ wₜgₜ with this step's weights");

        // Step 3 (J₁ again): H₁ = [48, 3, 3] → e₁ = 16/√48 + 2/√3 = 6/√3, ratio 1/√3; H₂ = [72, 3, 3] →
        // e₂ = 36/√72 + 2/√3, ratio e₂/8. w ← w·e^{r}, renormalised to 2.
        var third = excess.Combine(GradientContexts.Of(First, [1, 1], state: excessState));
        double s1 = 1 / Math.Sqrt(3), s2 = ((36 / Math.Sqrt(72)) + (2 / Math.Sqrt(3))) / 8;
        double u1 = w1 * Math.Exp(s1), u2 = w2 * Math.Exp(s2);
        third.Weights[0].Should().BeApproximately(2 * u1 / (u1 + u2), 1e-6);
        third.Weights[1].Should().BeApproximately(2 * u2 / (u1 + u2), 1e-6);
        excessState.Vector("weights").Should().Equal(third.Weights);
    }

    [Fact]
    public void RepresentationGradients_StatisticsUseBatchSums_SoTheBatchSizeMayChange()
    {
        var excess = new ExcessMtl { RobustStepSize = 1 };
        using var excessState = excess.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Batch of 2, H = 3. Task 1: samples [1, 0, 2] and [−3, 1, 0] sum to [−2, 1, 2]; task 2: [4, 0, 1] and
        // [0, 0, 2] sum to [4, 0, 3]. e⁰ = Σ|sum| = [5, 7].
        double[,] perSample = { { 1, 0, 2, -3, 1, 0 }, { 4, 0, 1, 0, 0, 2 } };
        excess.Combine(GradientContexts.Of(perSample, [1, 1], representation: [1, 1, 1, 1, 1, 1], representationShape: [2, 3], state: excessState))
            .Weights.Should().Equal(1.0, 1.0);

        // A last, smaller batch of 1: sums [−2, 1, 2] and [0, 0, 3]. H₁ = [8, 2, 8] → e₁ = 4/√8 + 1/√2 + 4/√8 = 5/√2,
        // ratio 1/√2; H₂ = [16, 0, 18] → e₂ = 9/√18 = 3/√2, ratio 3/(7√2).
        double[,] single = { { -2, 1, 2 }, { 0, 0, 3 } };
        var second = excess.Combine(GradientContexts.Of(single, [1, 1], representation: [1, 1, 1], representationShape: [1, 3], state: excessState));
        double r1 = 1 / Math.Sqrt(2), r2 = 3 / (7 * Math.Sqrt(2));
        second.Weights[0].Should().BeApproximately(2 * Math.Exp(r1) / (Math.Exp(r1) + Math.Exp(r2)), 1e-6);
        second.Weights[1].Should().BeApproximately(2 * Math.Exp(r2) / (Math.Exp(r1) + Math.Exp(r2)), 1e-6);
    }

    [Fact]
    public void ATaskWithoutGradientAtTheFirstStep_TakesItsFirstPositiveRiskAsReference()
    {
        var excess = new ExcessMtl { RobustStepSize = 1 };
        using var excessState = excess.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Step 1: e⁰ = [1, 0]. Step 2: e₁ = 1/√2 (ratio 1/√2); task 2's first positive risk e₂ = 4/√4 = 2 becomes e⁰₂
        // (ratio 1), where LibMTL would divide by zero.
        excess.Combine(GradientContexts.Of(new double[,] { { 1, 0, 0 }, { 0, 0, 0 } }, [1, 0], state: excessState));
        var second = excess.Combine(GradientContexts.Of(new double[,] { { 1, 0, 0 }, { 0, 2, 0 } }, [1, 1], state: excessState));

        double r1 = 1 / Math.Sqrt(2);
        second.Weights[0].Should().BeApproximately(2 * Math.Exp(r1) / (Math.Exp(r1) + Math.E), 1e-6);
        second.Weights[1].Should().BeApproximately(2 * Math.E / (Math.Exp(r1) + Math.E), 1e-6);
    }

    [Fact]
    public void SavedState_ResumesTheNextStepExactly()
    {
        var trained = new ExcessMtl { RobustStepSize = 1 };
        using var trainedState = trained.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();
        trained.Combine(GradientContexts.Of(First, [1, 1], state: trainedState));
        trained.Combine(GradientContexts.Of(Second, [1, 1], state: trainedState));
        var reloaded = new ExcessMtl { RobustStepSize = 1 };
        using var reloadedState = GradientContexts.Reloaded(trainedState, reloaded, 2);

        var expected = trained.Combine(GradientContexts.Of(First, [1, 1], state: trainedState));
        var actual = reloaded.Combine(GradientContexts.Of(First, [1, 1], state: reloadedState));

        actual.Weights.Should().Equal(expected.Weights);
        actual.HeadScales.Should().Equal(expected.HeadScales);
    }

    [Fact]
    public void SavedStateBeforeTheFirstStep_StillRecordsTheRisksOnTheFirstStep()
    {
        var trained = Weightings.ExcessMtl();
        using var trainedState = trained.CreateState(LossWeightingTests.Setup(2));
        var reloaded = Weightings.ExcessMtl();
        using var reloadedState = GradientContexts.Reloaded(trainedState, reloaded, 2);
        using var scope = NewDisposeScope();

        reloaded.Combine(GradientContexts.Of(First, [1, 1], state: reloadedState)).Weights.Should().Equal(1.0, 1.0);
        reloaded.Combine(GradientContexts.Of(Second, [1, 1], state: reloadedState)).Weights[0].Should().BeGreaterThan(1);
    }

    [Fact]
    public void StepSize_MustBePositive()
    {
        new Action(() => _ = new ExcessMtl { RobustStepSize = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("RobustStepSize");
        new Action(() => _ = new ExcessMtl { RobustStepSize = double.PositiveInfinity }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("RobustStepSize");
        new ExcessMtl().RobustStepSize.Should().Be(1e-2);
    }
}

using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// DB-MTL against numbers computed by hand from ∇log Lₜ = gₜ/Lₜ, ĝ ← g + β(ĝ − g) (from 0), αₜ = maxⱼ‖ĝⱼ‖/‖ĝₜ‖,
/// d = Σ αₜĝₜ. The 1e-8 terms change the results by less than the tolerances.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DbMtlTests
{
    private static readonly double[,] First = { { -2, 1, 2 }, { 4, 0, 3 } };
    private static readonly double[,] Second = { { 0, 3, 4 }, { 1, 2, 2 } };

    [Fact]
    public void TwoSteps_AverageOfLogLossGradientsScaledToTheLargestNorm()
    {
        var db = Weightings.DbMtl();
        using var dbState = db.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Step 1, L = [1, ½]: log-loss gradients [[−2, 1, 2], [8, 0, 6]]. The average mixes from 0: ĝ = 0.1·g =
        // [[−0.2, 0.1, 0.2], [0.8, 0, 0.6]], norms [0.3, 1]; α = [1/0.3, 1]; d = (10/3)ĝ₁ + ĝ₂.
        var first = db.Combine(GradientContexts.Of(First, [1, 0.5], state: dbState));
        first.Weights[0].Should().BeApproximately(10.0 / 3, 1e-5);
        first.Weights[1].Should().BeApproximately(1, 1e-6);
        GradientContexts.ShouldBeClose(first.Direction!, 1e-5, 0.8 - (2.0 / 3), 1.0 / 3, 0.6 + (2.0 / 3));
        first.HeadScales.Should().Equal([1 / (1 + 1e-8), 1 / (0.5 + 1e-8)], "heads follow ∇log Lₜ = ∇Lₜ/(Lₜ + 1e-8)");

        // Step 2, L = [5, 1]: log-loss gradients [[0, 0.6, 0.8], [1, 2, 2]]; ĝ = 0.1·g + 0.9·ĝ =
        // [[−0.18, 0.15, 0.26], [0.82, 0.2, 0.74]], norms [√0.1225 = 0.35, √1.26]; α = [√1.26/0.35, 1].
        var second = db.Combine(GradientContexts.Of(Second, [5, 1], state: dbState));
        double alpha = Math.Sqrt(1.26) / 0.35;
        second.Weights[0].Should().BeApproximately(alpha, 1e-5);
        second.Weights[1].Should().BeApproximately(1, 1e-6);
        GradientContexts.ShouldBeClose(second.Direction!, 1e-5, (-0.18 * alpha) + 0.82, (0.15 * alpha) + 0.2, (0.26 * alpha) + 0.74);
        second.HeadScales![0].Should().BeApproximately(0.2, 1e-9);
    }

    [Fact]
    public void BetaSigma_DecaysTheAverageRate()
    {
        var db = new DbMtl { Beta = 0.5, BetaSigma = 1 };
        using var dbState = db.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Step 1: β₁ = ½ → ĝ = ½·[[−2, 1, 2], [4, 0, 3]] (L = 1), norms [1.5, 2.5], α = [5/3, 1].
        // Step 2: β₂ = ¼ → ĝ = ¾·g₂ + ¼·ĝ = [[−0.25, 2.375, 3.25], [1.25, 1.5, 1.875]] (L = 1).
        db.Combine(GradientContexts.Of(First, [1, 1], state: dbState));
        var second = db.Combine(GradientContexts.Of(Second, [1, 1], state: dbState));

        double n1 = Math.Sqrt((0.25 * 0.25) + (2.375 * 2.375) + (3.25 * 3.25));
        double n2 = Math.Sqrt((1.25 * 1.25) + (1.5 * 1.5) + (1.875 * 1.875));
        double max = Math.Max(n1, n2);
        second.Weights[0].Should().BeApproximately(max / n1, 1e-5);
        second.Weights[1].Should().BeApproximately(max / n2, 1e-5);
        GradientContexts.ShouldBeClose(
            second.Direction!,
            1e-5,
            (-0.25 * max / n1) + (1.25 * max / n2),
            (2.375 * max / n1) + (1.5 * max / n2),
            (3.25 * max / n1) + (1.875 * max / n2));
    }

    [Fact]
    public void SavedState_ResumesTheNextStepExactly()
    {
        var trained = Weightings.DbMtl();
        using var trainedState = trained.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();
        trained.Combine(GradientContexts.Of(First, [1, 0.5], state: trainedState));
        var reloaded = Weightings.DbMtl();
        using var reloadedState = GradientContexts.Reloaded(trainedState, reloaded, 2);

        var expected = trained.Combine(GradientContexts.Of(Second, [5, 1], state: trainedState));
        var actual = reloaded.Combine(GradientContexts.Of(Second, [5, 1], state: reloadedState));

        actual.Weights.Should().Equal(expected.Weights);
        actual.HeadScales.Should().Equal(expected.HeadScales);
        GradientContexts.Values(actual.Direction!).Should().Equal(GradientContexts.Values(expected.Direction!));
    }

    [Fact]
    public void Parameters_OutsideTheirRange_AreRejectedByName()
    {
        new Action(() => _ = new DbMtl { Beta = 1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Beta");
        new Action(() => _ = new DbMtl { Beta = -0.1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Beta");
        new Action(() => _ = new DbMtl { BetaSigma = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BetaSigma");
        var defaults = new DbMtl();
        (defaults.Beta, defaults.BetaSigma).Should().Be((0.9, 0.0));
    }

    [Fact]
    public void RepresentationGradients_AreRejected()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a"), TaskSpec.Binary("b")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { GradientSource = GradientSource.Representation }, Weightings.DbMtl());
        act.Should().Throw<ArgumentException>().WithMessage("*DB-MTL*does not support GradientSource.Representation*");
    }
}

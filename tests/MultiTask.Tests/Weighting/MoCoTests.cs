using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>MoCo against numbers computed by hand from Y ← Y − βₖ(Y − Ĝ), λ ← softmax(λ − γₖ(YYᵀ + ρI)λ), d = Yᵀλ.</summary>
[Collection(TorchCollection.Name)]
public sealed class MoCoTests
{
    // ‖g₁‖ = 3, ‖g₂‖ = 5; with losses [3, 5] the loss-scaled unit gradients Ĝ equal J.
    private static readonly double[,] First = { { -2, 1, 2 }, { 4, 0, 3 } };

    // ‖g₁‖ = 5, ‖g₂‖ = 3; with losses [10, 6], Ĝ = 2J = [[0, 6, 8], [2, 4, 4]].
    private static readonly double[,] Second = { { 0, 3, 4 }, { 1, 2, 2 } };

    [Fact]
    public void Defaults_FirstStep_HalfwayTrackingAndOneSoftmaxStep()
    {
        var moco = Weightings.MoCo();
        using var mocoState = moco.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        var combination = moco.Combine(GradientContexts.Of(First, [3, 5], state: mocoState));

        // k = 1: β₁ = 0.5, γ₁ = 0.1. Y = 0 − 0.5(0 − Ĝ) = [[−1, 0.5, 1], [2, 0, 1.5]].
        // YYᵀ = [[2.25, −0.5], [−0.5, 6.25]]; (YYᵀ)λ₀ with λ₀ = [½, ½] is [0.875, 2.875].
        // λ = softmax([0.5 − 0.0875, 0.5 − 0.2875]) = softmax([0.4125, 0.2125]) = [σ(0.2), 1 − σ(0.2)].
        double l1 = 1 / (1 + Math.Exp(-0.2)), l2 = 1 - l1;
        combination.Weights[0].Should().BeApproximately(l1, 1e-7);
        combination.Weights[1].Should().BeApproximately(l2, 1e-7);

        // d = Yᵀλ = λ₁[−1, 0.5, 1] + λ₂[2, 0, 1.5].
        GradientContexts.ShouldBeClose(combination.Direction!, 1e-6, -l1 + (2 * l2), 0.5 * l1, l1 + (1.5 * l2));
        combination.HeadScales.Should().BeNull("heads take their own unweighted gradient, as LibMTL's backward mode");
    }

    [Fact]
    public void TwoSteps_TrackingVariableAndWeightsCarryOver()
    {
        var moco = new MoCo { Beta = 1, BetaSigma = 1, Gamma = 0.5, GammaSigma = 1, Rho = 0.5 };
        using var mocoState = moco.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // k = 1: β₁ = 1, γ₁ = 0.5. Y = Ĝ = J₁; YYᵀ + ρI = [[9.5, −2], [−2, 25.5]]; (·)λ₀ = [3.75, 11.75].
        // λ = softmax([0.5 − 1.875, 0.5 − 5.875]) = softmax([−1.375, −5.375]) = [σ(4), 1 − σ(4)].
        var first = moco.Combine(GradientContexts.Of(First, [3, 5], state: mocoState));
        double a1 = 1 / (1 + Math.Exp(-4)), a2 = 1 - a1;
        first.Weights[0].Should().BeApproximately(a1, 1e-7);
        first.Weights[1].Should().BeApproximately(a2, 1e-7);
        GradientContexts.ShouldBeClose(first.Direction!, 1e-6, (-2 * a1) + (4 * a2), a1, (2 * a1) + (3 * a2));

        // k = 2: β₂ = ½, γ₂ = ¼. Y = Y − ½(Y − Ĝ₂) = ½(J₁ + Ĝ₂) = [[−1, 3.5, 5], [3, 2, 3.5]].
        // YYᵀ + ρI = [[38.75, 21.5], [21.5, 25.75]]; v = λ − ¼(YYᵀ + ρI)λ; λ′ = softmax(v).
        var second = moco.Combine(GradientContexts.Of(Second, [10, 6], state: mocoState));
        double v1 = a1 - (0.25 * ((38.75 * a1) + (21.5 * a2)));
        double v2 = a2 - (0.25 * ((21.5 * a1) + (25.75 * a2)));
        double b1 = 1 / (1 + Math.Exp(v2 - v1)), b2 = 1 - b1;
        second.Weights[0].Should().BeApproximately(b1, 1e-7);
        second.Weights[1].Should().BeApproximately(b2, 1e-7);
        mocoState.Vector("lambda").Should().Equal(second.Weights);

        // d = Yᵀλ′ = λ′₁[−1, 3.5, 5] + λ′₂[3, 2, 3.5].
        GradientContexts.ShouldBeClose(second.Direction!, 1e-5, -b1 + (3 * b2), (3.5 * b1) + (2 * b2), (5 * b1) + (3.5 * b2));
    }

    [Fact]
    public void SavedState_ResumesTheNextStepExactly()
    {
        var trained = Weightings.MoCo();
        using var trainedState = trained.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();
        trained.Combine(GradientContexts.Of(First, [3, 5], state: trainedState));
        var reloaded = Weightings.MoCo();
        using var reloadedState = GradientContexts.Reloaded(trainedState, reloaded, 2);

        var expected = trained.Combine(GradientContexts.Of(Second, [10, 6], state: trainedState));
        var actual = reloaded.Combine(GradientContexts.Of(Second, [10, 6], state: reloadedState));

        actual.Weights.Should().Equal(expected.Weights);
        GradientContexts.Values(actual.Direction!).Should().Equal(GradientContexts.Values(expected.Direction!));
    }

    [Fact]
    public void Parameters_OutsideTheirRange_AreRejectedByName()
    {
        new Action(() => _ = new MoCo { Beta = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Beta");
        new Action(() => _ = new MoCo { Beta = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Beta");
        new Action(() => _ = new MoCo { BetaSigma = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BetaSigma");
        new Action(() => _ = new MoCo { Gamma = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Gamma");
        new Action(() => _ = new MoCo { GammaSigma = double.NaN }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("GammaSigma");
        new Action(() => _ = new MoCo { Rho = -0.1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Rho");
        var defaults = new MoCo();
        (defaults.Beta, defaults.BetaSigma, defaults.Gamma, defaults.GammaSigma, defaults.Rho).Should().Be((0.5, 0.5, 0.1, 0.5, 0.0));
    }

    [Fact]
    public void RepresentationGradients_AreRejected()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a"), TaskSpec.Binary("b")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { GradientSource = GradientSource.Representation }, Weightings.MoCo());
        act.Should().Throw<ArgumentException>().WithMessage("*MoCo*does not support GradientSource.Representation*");
    }
}

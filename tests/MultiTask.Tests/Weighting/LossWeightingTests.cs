using MultiTask.Weighting;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>Each expected value is computed by hand from the method's published formula (see the method's remarks).</summary>
[Collection(TorchCollection.Name)]
public sealed class LossWeightingTests
{
    [Fact]
    public void DynamicWeightAverage_UsesTheRatioOfTheLastTwoEpochs()
    {
        var history = new LossHistory();
        var dwa = new DynamicWeightAverage { Temperature = 2 };
        dwa.WeightsFor(history, 2).Should().Equal(1.0, 1.0);
        history.Add([2.0, 4.0]);
        dwa.WeightsFor(history, 2).Should().Equal(1.0, 1.0);
        history.Add([1.0, 1.0]);

        // r = [1/2, 1/4]; w = 2·softmax(r/2) = 2·[e^0.25, e^0.125] / (e^0.25 + e^0.125).
        var weights = dwa.WeightsFor(history, 2);

        weights[0].Should().BeApproximately(2 * Math.Exp(0.25) / (Math.Exp(0.25) + Math.Exp(0.125)), 1e-12);
        weights[1].Should().BeApproximately(2 * Math.Exp(0.125) / (Math.Exp(0.25) + Math.Exp(0.125)), 1e-12);
        weights.Sum().Should().BeApproximately(2, 1e-12);
    }

    [Fact]
    public void GeometricLoss_WeightsAreGlsOverTLt()
    {
        // GLS = (1·4)^(1/2) = 2; w = 2/(2·1), 2/(2·4).
        GeometricLossStrategy.WeightsFor([1.0, 4.0]).Should().Equal(1.0, 0.25);
        GeometricLossStrategy.WeightsFor([0.0, 4.0]).Should().Equal(0.0, 1.0);
    }

    [Fact]
    public void SmoothTchebycheff_WarmUpThenSoftmaxOfNormalisedLogLosses()
    {
        var warm = SmoothTchebycheff.WeightsFor([0.5, 2.0], null, 1.0);
        warm[0].Should().BeApproximately(2.0, 1e-12);
        warm[1].Should().BeApproximately(0.5, 1e-12);

        // z = [2, 1], L = [1, 1]: L/z = [0.5, 1], softmax(log) = [1/3, 2/3]; w = 2·(1/3)/(2·0.5), 2·(2/3)/(1·1).
        var weights = SmoothTchebycheff.WeightsFor([1.0, 1.0], [2.0, 1.0], 1.0);
        weights[0].Should().BeApproximately(2.0 / 3.0, 1e-12);
        weights[1].Should().BeApproximately(4.0 / 3.0, 1e-12);
    }

    [Fact]
    public void Famo_WeightsThenOneAdamStepOnTheLogits()
    {
        var famo = new Famo();
        using var famoState = famo.CreateState(Setup(2));
        using var scope = NewDisposeScope();
        var context = Context([1.0, 3.0], state: famoState);

        // z = [½, ½], c = ½/1 + ½/3 = ⅔; w = ½/(⅔·1), ½/(⅔·3).
        var weights = famo.Combine(context).Weights;
        weights[0].Should().BeApproximately(0.75, 1e-6);
        weights[1].Should().BeApproximately(0.25, 1e-6);

        // δ = [log 2, 0]; ∇ξ = z⊙δ − z(zᵀδ) = [¼ log 2, −¼ log 2]; Adam's first step moves each logit by lr·sign(∇).
        famo.AfterStep(famoState, [1.0, 3.0], [0.5, 3.0]);
        famoState.Vector("logits")[0].Should().BeApproximately(-0.025, 1e-6);
        famoState.Vector("logits")[1].Should().BeApproximately(0.025, 1e-6);
    }

    [Fact]
    public void Uncertainty_ObjectiveAndWeightsFollowTheFormula()
    {
        var uw = new UncertaintyWeighting();
        using var uwState = uw.CreateState(Setup(2));
        using var scope = NewDisposeScope();

        var combination = uw.Combine(Context([1.0, 2.0], state: uwState));

        // Σ Lₜ/(2e^{−½}) + (−½)/2 per task = 3/(2e^{−½}) − ½.
        combination.Objective.item<float>().Should().BeApproximately((float)((3 / (2 * Math.Exp(-0.5))) - 0.5), 1e-5f);
        combination.Weights.Should().AllSatisfy(w => w.Should().BeApproximately(1 / (2 * Math.Exp(-0.5)), 1e-6));
    }

    [Fact]
    public void ImtlL_ObjectiveIsExpSTimesLossMinusS()
    {
        var imtl = new ImtlL();
        using var imtlState = imtl.CreateState(Setup(2));
        using var scope = NewDisposeScope();

        var combination = imtl.Combine(Context([1.5, 2.5], state: imtlState));

        combination.Objective.item<float>().Should().BeApproximately(4.0f, 1e-6f); // s = 0: Σ (1·Lₜ − 0)
        combination.Weights.Should().Equal(1.0, 1.0);
    }

    [Fact]
    public void GradNorm_LogitGradientPushesTowardsEqualGradientNorms()
    {
        // s = 0 → w = [1, 1]; G = [1, 3], Ḡ = 2, target 2 → signs [−1, +1].
        // ∂/∂s_k = Σₜ signₜ·nₜ·T·zₜ(δₜₖ − z_k) = [−0.5 − 1.5, 0.5 + 1.5].
        var (weights, gradient) = GradNorm.Update([0.0, 0.0], [1.0, 3.0], [1.0, 1.0], alpha: 1.5);

        weights.Should().Equal(1.0, 1.0);
        gradient[0].Should().BeApproximately(-2.0, 1e-12);
        gradient[1].Should().BeApproximately(2.0, 1e-12);
    }

    [Fact]
    public void RandomLoss_WeightsAreASoftmaxThatSumsToOne_AndFollowTheSeed()
    {
        var rlw = new RandomLossWeighting();
        using var scope = NewDisposeScope();
        var a = rlw.Combine(Context([1, 1, 1], new Random(5))).Weights;
        var b = rlw.Combine(Context([1, 1, 1], new Random(5))).Weights;

        a.Sum().Should().BeApproximately(1.0, 1e-12);
        a.Should().OnlyContain(w => w > 0).And.Equal(b);
    }

    internal static WeightingSetup Setup(int tasks) => new() { TaskCount = tasks, TaskNames = Enumerable.Range(0, tasks).Select(t => $"t{t}").ToArray(), Device = CPU, Seed = 0 };

    private static LossWeightingContext Context(double[] losses, Random? random = null, WeightingState? state = null) => new()
    {
        State = state ?? GramianTestData.FreshState(losses.Length),
        Losses = torch.tensor(losses.Select(l => (float)l).ToArray()),
        LossValues = losses,
        Epoch = 1,
        Step = 0,
        Random = random ?? new Random(0),
        History = new LossHistory(),
    };
}

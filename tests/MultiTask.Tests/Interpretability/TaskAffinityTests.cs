using MultiTask.Data;
using MultiTask.Interpretability;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Interpretability;

/// <summary>
/// One feature, shared weight w = 1, heads a = 1 (task "p") and b = 2 (task "q"), MSE losses: L_p = mean((w·x − y_p)²),
/// L_q = mean((2w·x − y_q)²), ∂L_p/∂w = mean(2(w·x − y_p)·x), ∂L_q/∂w = mean(4(2w·x − y_q)·x). Rows x = [1, 2],
/// y_p = [2, 2], y_q = [1, 1]; lookahead η = 0.05. Every loss below is worked out by hand.
/// </summary>
public sealed class TaskAffinityTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("p"), TaskSpec.Regression("q")];

    [Fact]
    public void OneBatch_AffinityIsOneMinusTheLossRatioAfterTheLookahead()
    {
        using var model = Model();
        using var data = Data();

        var z = TaskAffinity.Compute(model, data, new TaskAffinityOptions { LearningRate = 0.05 });

        // L_p = (1 + 0)/2 = 0.5, L_q = (1 + 9)/2 = 5; ∂L_p/∂w = (−2 + 0)/2 = −1, ∂L_q/∂w = (4 + 24)/2 = 14.
        // Step on p: w = 1.05 → L_p = (0.95² + 0.1²)/2 = 0.45625, L_q = (1.1² + 3.2²)/2 = 5.725.
        // Step on q: w = 0.3  → L_p = (1.7² + 1.4²)/2 = 2.425,   L_q = (0.4² + 0.2²)/2 = 0.1.
        z["p", "p"].Should().BeApproximately(1 - (0.45625 / 0.5), 1e-5);
        z["p", "q"].Should().BeApproximately(1 - (5.725 / 5), 1e-5);
        z["q", "p"].Should().BeApproximately(1 - (2.425 / 0.5), 1e-5);
        z["q", "q"].Should().BeApproximately(1 - (0.1 / 5), 1e-5);
        z.BatchCount(0, 1).Should().Be(1);
    }

    [Fact]
    public void BatchesOfOneRow_AreAveraged_ZeroTargetLossesSkipped_WeightsRestored_NoLeak()
    {
        using var model = Model();
        using var data = Data();
        var before = model.CaptureWeights().StateDict;
        TaskAffinityMatrix? z = null;

        Leak.AssertNone(() => z = TaskAffinity.Compute(model, data, new TaskAffinityOptions { LearningRate = 0.05, BatchSize = 1 }), "task affinity");

        // Row 1 (x = 1): L_p = 1, L_q = 1, gradients −2 and 4. Step on p: w = 1.1 → L_p = 0.81, L_q = 1.44;
        // step on q: w = 0.8 → L_p = 1.44, L_q = 0.36.
        // Row 2 (x = 2): L_p = 0, so no ratio for target p; ∂L_p/∂w = 0 leaves L_q = 9 (Z = 0);
        // step on q (gradient 24): w = −0.2 → L_q = 1.8² = 3.24 → Z = 0.64.
        z!["p", "p"].Should().BeApproximately(0.19, 1e-5);
        z["p", "q"].Should().BeApproximately((-0.44 + 0) / 2, 1e-5);
        z["q", "p"].Should().BeApproximately(-0.44, 1e-5);
        z["q", "q"].Should().BeApproximately(0.64, 1e-5);
        z.BatchCount(0, 0).Should().Be(1);
        z.BatchCount(1, 1).Should().Be(2);
        model.CaptureWeights().StateDict.Should().Equal(before);
    }

    [Fact]
    public void ExistingSharedGradient_IsKept()
    {
        using var model = Model();
        using var data = Data();
        var w = model.SharedParameters.Single();
        using (var g = TorchSharp.torch.tensor(new float[,] { { 7.5f } }))
        {
            w.grad = g;
        }

        TaskAffinity.Compute(model, data);

        using var after = w.grad!;
        after.item<float>().Should().Be(7.5f);
    }

    [Fact]
    public void PairsWithoutLabels_AreNaN_AndUnknownTaskIsNamed()
    {
        using var model = Model();
        using var data = Data();
        using var unlabelled = data.WithoutLabels([0, 1], ["q"]);

        var z = TaskAffinity.Compute(model, unlabelled, new TaskAffinityOptions { LearningRate = 0.05 });

        double.IsNaN(z["p", "q"]).Should().BeTrue();
        double.IsNaN(z["q", "p"]).Should().BeTrue();
        z["p", "p"].Should().BeApproximately(1 - (0.45625 / 0.5), 1e-5);
        var unknown = () => z["p", "r"];
        unknown.Should().Throw<ArgumentException>().WithMessage("Unknown task 'r'*");
        var rate = () => new TaskAffinityOptions { LearningRate = 0 };
        rate.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*TaskAffinityOptions.LearningRate must be finite and > 0*");
    }

    private static MultiTaskModel Model() => LinearModels.Create(Tasks, new float[,] { { 1 } }, [new float[,] { { 1 } }, new float[,] { { 2 } }]);

    private static MultiTaskDataset Data()
    {
        float[] p = [2, 2], q = [1, 1];
        return MultiTaskDataset.FromArrays(new float[,] { { 1 }, { 2 } }, Tasks, [p, q]);
    }
}

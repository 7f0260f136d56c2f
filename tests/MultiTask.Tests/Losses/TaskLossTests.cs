using MultiTask.Losses;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class TaskLossTests
{
    [Fact]
    public void MaskedMean_SquaredError_IsTheMeanOverLabelledRows()
    {
        using var scope = NewDisposeScope();
        var output = tensor(new[] { 1f, 2f, 3f, 4f }).view(4, 1);
        var target = tensor(new[] { 0f, 2f, 5f, 4f });
        var mask = tensor(new[] { 1f, 0f, 1f, 1f });

        var loss = TaskLoss.MaskedMean(TaskLoss.PerSample(TaskSpec.Regression("r"), output, target), mask);

        loss.item<float>().Should().BeApproximately(5f / 3f, 1e-6f); // ((1−0)² + (3−5)² + (4−4)²) / 3
    }

    [Fact]
    public void StackedMeans_FullyLabelled_AreThePlainMeans_BitIdenticalToTheMaskedLossesAndTheirGradients()
    {
        using var scope = NewDisposeScope();
        var tasks = new[] { TaskSpec.Regression("a"), TaskSpec.Regression("b", LossFunction.MeanAbsoluteError) };
        // Three rows: not a power of two, where a multiplication by 1/n would round differently from the division.
        var targets = tensor(new[] { 0f, 1f, 2f, -1f, 5f, 3f }, [3, 2]);
        var leaf0 = tensor(new[] { 1f, 2f, 3f }).view(3, 1).requires_grad_(true);
        var leaf1 = tensor(new[] { 0.5f, 1f, 2.5f }).view(3, 1).requires_grad_(true);

        var means = TaskLoss.StackedMeans(tasks, [leaf0, leaf1], targets);
        means.sum().backward();
        float[] plain = means.detach().data<float>().ToArray(), plainGrad0 = leaf0.grad!.data<float>().ToArray(), plainGrad1 = leaf1.grad!.data<float>().ToArray();
        leaf0.grad = null;
        leaf1.grad = null;
        var (masked, sums) = TaskLoss.StackedLosses(tasks, [leaf0, leaf1], targets, ones(3, 2));
        masked.sum().backward();

        // a: ((1−0)² + (2−2)² + (3−5)²) / 3 = 5/3; b: (|0.5−1| + |1+1| + |2.5−3|) / 3 = 1.
        plain.Should().Equal([5f / 3f, 1f], (u, w) => Math.Abs(u - w) < 1e-6f);
        plain.Should().Equal(masked.detach().data<float>().ToArray());
        plainGrad0.Should().Equal(leaf0.grad!.data<float>().ToArray());
        plainGrad1.Should().Equal(leaf1.grad!.data<float>().ToArray());
        plainGrad0.Should().Equal([2f / 3f, 0f, -4f / 3f], (u, w) => Math.Abs(u - w) < 1e-6f); // 2(o − y)/3
        sums.data<float>().ToArray().Should().Equal(3f, 3f);
    }

    [Fact]
    public void BatchMeans_FullyLabelled_AreThePlainMeansOnTheirOwnGraphs_BitIdenticalToTheMaskedLosses()
    {
        using var scope = NewDisposeScope();
        var tasks = new[] { TaskSpec.Regression("a"), TaskSpec.Regression("b", LossFunction.MeanAbsoluteError) };
        var targets = tensor(new[] { 0f, 1f, 2f, -1f, 5f, 3f }, [3, 2]);
        var leaf0 = tensor(new[] { 1f, 2f, 3f }).view(3, 1).requires_grad_(true);
        var leaf1 = tensor(new[] { 0.5f, 1f, 2.5f }).view(3, 1).requires_grad_(true);

        var means = TaskLoss.BatchMeans(tasks, [leaf0, leaf1], targets);
        means[0].backward();
        float[] plainGrad0 = leaf0.grad!.data<float>().ToArray();
        leaf0.grad = null;
        var masked = TaskLoss.BatchLosses(tasks, [leaf0, leaf1], targets, ones(3, 2));
        masked[0].backward();

        // Task a's loss reaches its own output only: ((1−0)² + (2−2)² + (3−5)²) / 3 = 5/3, gradient 2(o − y)/3.
        leaf1.grad.Should().BeNull();
        means.Select(l => l.item<float>()).Should().Equal([5f / 3f, 1f], (u, w) => Math.Abs(u - w) < 1e-6f);
        means.Select(l => l.item<float>()).Should().Equal(masked.Select(l => l.item<float>()));
        plainGrad0.Should().Equal(leaf0.grad!.data<float>().ToArray());
        plainGrad0.Should().Equal([2f / 3f, 0f, -4f / 3f], (u, w) => Math.Abs(u - w) < 1e-6f);
    }

    [Fact]
    public void PerSample_BinaryCrossEntropy_MatchesTheFormula()
    {
        using var scope = NewDisposeScope();
        var losses = TaskLoss.PerSample(TaskSpec.Binary("b"), tensor(new[] { 0f, 2f }).view(2, 1), tensor(new[] { 1f, 0f })).data<float>().ToArray();

        losses[0].Should().BeApproximately((float)Math.Log(2), 1e-6f);            // −log σ(0)
        losses[1].Should().BeApproximately((float)Math.Log(1 + Math.Exp(2)), 1e-6f); // −log(1 − σ(2))
    }

    [Fact]
    public void PerSample_CrossEntropy_MatchesTheFormula()
    {
        using var scope = NewDisposeScope();
        var loss = TaskLoss.PerSample(TaskSpec.Multiclass("m", 3), tensor(new[] { 1f, 2f, 3f }).view(1, 3), tensor(new[] { 2f })).item<float>();

        loss.Should().BeApproximately((float)-Math.Log(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3))), 1e-6f);
    }

    [Theory]
    [InlineData(LossFunction.MeanAbsoluteError, 0.5f, 3f)]
    [InlineData(LossFunction.Huber, 0.125f, 2.5f)] // ½·0.5² and 3 − ½
    public void PerSample_RegressionLosses_MatchTheFormula(LossFunction lossFunction, float small, float large)
    {
        using var scope = NewDisposeScope();
        var losses = TaskLoss.PerSample(TaskSpec.Regression("r", lossFunction), tensor(new[] { 1.5f, 4f }).view(2, 1), tensor(new[] { 1f, 1f })).data<float>().ToArray();

        losses.Should().Equal(small, large);
    }

    [Fact]
    public void MaskedMean_NoLabelInBatch_IsZeroWithZeroGradient()
    {
        using var scope = NewDisposeScope();
        var output = tensor(new[] { 1f, 2f }, requires_grad: true);
        var loss = TaskLoss.MaskedMean(TaskLoss.PerSample(TaskSpec.Regression("r"), output.view(2, 1), tensor(new[] { 0f, 0f })), tensor(new[] { 0f, 0f }));

        loss.backward();

        loss.item<float>().Should().Be(0f);
        output.grad!.data<float>().ToArray().Should().Equal(0f, 0f);
    }
}

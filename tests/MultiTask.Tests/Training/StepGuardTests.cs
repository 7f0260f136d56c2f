using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class StepGuardTests
{
    [Theory]
    [InlineData("Adam", float.NaN)]
    [InlineData("SGD", float.PositiveInfinity)]
    public void NonFiniteGradient_IsNamedAsTheCause_AndRestoreGivesBackTheWeightsAndState(string kind, float bad)
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(torch.tensor(new[] { 1f, 2f }));
        var b = new Parameter(torch.tensor(new[] { 3f }));
        using ParameterOptimizer optimizer = kind == "Adam"
            ? new AdamOptimizer([a, b], 0.1, 0, decoupled: false)
            : new SgdOptimizer([a, b], 0.1, momentum: 0.9, weightDecay: 0);
        using var guard = new StepGuard(optimizer, []);
        a.grad = torch.tensor(new[] { 1f, 1f });
        b.grad = torch.tensor(new[] { 1f });
        optimizer.Step(); // a finite first step: Adam moves each value by lr (1 → 0.9); SGD by lr·g (1 → 0.9)
        float[] aAfterOne = a.data<float>().ToArray(), bAfterOne = b.data<float>().ToArray();
        var stepsAfterOne = optimizer.Steps.ToArray();

        a.grad = torch.tensor(new[] { bad, 1f });
        b.grad = torch.tensor(new[] { 1f });
        var act = () => optimizer.Step();

        act.Should().Throw<NonFiniteUpdateException>().Which.What.Should().Be("gradient");
        guard.Restore().Should().BeTrue();
        a.data<float>().ToArray().Should().Equal(aAfterOne);
        b.data<float>().ToArray().Should().Equal(bAfterOne);
        optimizer.Steps.Should().Equal(stepsAfterOne);
        aAfterOne.Should().Equal([0.9f, 1.9f], (u, w) => Math.Abs(u - w) < 1e-6f);

        // The restored state continues exactly like a run that never met the bad gradient. A second unit step by hand:
        // Adam: m = 0.19, v = 0.001999, both bias-corrected to 1, so the value moves by lr again: 0.9 → 0.8.
        // SGD with momentum 0.9: buffer 0.9·1 + 1 = 1.9, so 0.9 − 0.1·1.9 = 0.71.
        a.grad = torch.tensor(new[] { 1f, 1f });
        b.grad = torch.tensor(new[] { 1f });
        optimizer.Step();
        float expected = kind == "Adam" ? 0.8f : 0.71f;
        a.data<float>().ToArray().Should().Equal([expected, expected + 1], (u, w) => Math.Abs(u - w) < 1e-5f);
        optimizer.Steps.Should().Equal(stepsAfterOne.Select(s => s + 1));
    }

    [Fact]
    public void RestoreTwoUpdates_GivesBackTheStateBeforeThePreviousUpdate_AndKeepsItAsTheNewest()
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(torch.tensor(new[] { 1f }));
        using ParameterOptimizer optimizer = new SgdOptimizer([a], 0.1, momentum: 0, weightDecay: 0);
        using var guard = new StepGuard(optimizer, []);
        foreach (float g in new[] { 1f, 2f, 3f })
        {
            a.grad = torch.tensor(new[] { g });
            optimizer.Step(); // 1 → 0.9 → 0.7 → 0.4
        }

        guard.Restore(2).Should().BeTrue();
        a.data<float>()[0].Should().BeApproximately(0.9f, 1e-6f); // before the update before the last one
        optimizer.Steps.Should().Equal(1L);
        a.grad = torch.tensor(new[] { 1f });
        optimizer.Step(); // 0.9 → 0.8
        guard.Restore().Should().BeTrue();
        a.data<float>()[0].Should().BeApproximately(0.9f, 1e-6f);
        guard.Restore(2).Should().BeTrue(); // the state before the update before: the restored one, saved again by the last update
        a.data<float>()[0].Should().BeApproximately(0.9f, 1e-6f);
    }
}

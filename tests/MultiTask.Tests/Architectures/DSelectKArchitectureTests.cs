using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class DSelectKArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Theory]
    [InlineData(1.0, -0.6, 0.0)]
    [InlineData(1.0, 0.6, 1.0)]
    [InlineData(1.0, 0.0, 0.5)]
    [InlineData(1.0, 0.25, 0.84375)] // −2·0.25³ + 3·0.25/2 + ½
    [InlineData(1.0, -0.3, 0.104)] // −2·(−0.027) − 0.45 + ½
    [InlineData(2.0, 0.5, 0.84375)] // −2·0.125/8 + 1.5/4 + ½
    public void SmoothStep_FollowsThePapersFormula(double gamma, double t, double expected)
    {
        using var scope = torch.NewDisposeScope();
        DSelectKNetwork.SmoothStep(torch.tensor(t, torch.float64), gamma).item<double>().Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void GateWeights_HandSetSelectors_AreTheMixOfSingleExpertSelections()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(1, [1]), ExpertCount = 4, SelectorCount = 2 }, seed: 1);
        Set(model, "selectors.a.weight", 10, -10, 0.25f, 0); // x = 1: selector 0 z = (10, −10), selector 1 z = (0.25, 0)
        Set(model, "mixers.a.weight", 0, (float)Math.Log(3)); // softmax(0, ln 3) = (¼, ¾)
        using var scope = torch.NewDisposeScope();

        var gate = ((DSelectKNetwork)model.Network).GateWeights(torch.ones(1, 1), 0).data<float>().ToArray();

        // Selector 0: S = (1, 0) picks code (bit0 = 1, bit1 = 0) = expert 1. Selector 1: S = (0.84375, 0.5) gives
        // experts 0..3 the products (1 − s0)(1 − s1), s0(1 − s1), (1 − s0)s1, s0·s1 = 0.078125, 0.421875, 0.078125, 0.421875.
        double[] expected = [0.75 * 0.078125, 0.25 + (0.75 * 0.421875), 0.75 * 0.078125, 0.75 * 0.421875];
        gate.Select(v => (double)v).Should().Equal(expected, (actual, wanted) => Math.Abs(actual - wanted) < 1e-6);
        expected.Sum().Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void SaturatedSelectors_UseAtMostKExperts()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 8, SelectorCount = 2 }, seed: 2);
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            model.Network.named_parameters().Single(p => p.name == "selectors.b.weight").parameter.mul_(1000);
        }

        var gates = ((DSelectKNetwork)model.Network).GateWeights(torch.randn(50, 3), 1);

        var nonzero = gates.gt(0).sum(1).data<long>().ToArray();
        nonzero.Should().AllSatisfy(n => n.Should().BeInRange(1, 2));
        gates.sum(1).data<float>().ToArray().Should().AllSatisfy(s => s.Should().BeApproximately(1f, 1e-5f));
    }

    [Fact]
    public void Build_MoreSelectorsThanExperts_NamesBoth()
    {
        var act = () => MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 2, SelectorCount = 3 });
        act.Should().Throw<ArgumentException>().WithMessage("DSelectKArchitecture.SelectorCount (3) must not exceed DSelectKArchitecture.ExpertCount (2).*");
    }
}

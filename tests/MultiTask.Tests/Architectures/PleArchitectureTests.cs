using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class PleArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Fact]
    public void Predict_TwoLevels_RoutesThroughTaskGatesAndTheSharedGatePath()
    {
        using var model = MultiTaskModel.Create(Tasks, new PleArchitecture { Experts = [Trunks.Mlp(1, [1]), Trunks.Mlp(1, [1])] }, seed: 1);
        // Every expert is relu(x + bias); towers are the identity.
        (string Expert, float Bias)[] experts = [("level0_shared_0", 0.5f), ("level0_a_0", 1), ("level0_b_0", 2), ("level1_shared_0", 0), ("level1_a_0", 0.25f), ("level1_b_0", -0.5f)];
        foreach (var (expert, bias) in experts)
        {
            Set(model, $"experts.{expert}.linear0.weight", 1);
            Set(model, $"experts.{expert}.linear0.bias", bias);
        }

        Set(model, "gates.level0_a.weight", 1, -1);
        Set(model, "gates.level0_b.weight", 0, 2);
        Set(model, "gates.level0_shared.weight", 0.5f, 0, -0.5f);
        Set(model, "gates.level1_a.weight", 2, 0);
        Set(model, "gates.level1_b.weight", 0, 0);
        foreach (var task in new[] { "a", "b" })
        {
            Set(model, $"towers.{task}.out.weight", 1);
            Set(model, $"towers.{task}.out.bias", 0);
        }

        var predictions = model.Predict(new float[,] { { 1 } });

        // Level 0 on x = 1: shared 1.5, a 2, b 3. Task a's gate (logits 1, −1) mixes [shared, a]; task b's (0, 2)
        // mixes [shared, b]; the shared gate (0.5, 0, −0.5) mixes [shared, a, b] into level 1's shared input.
        double s0 = 1.5, a0 = 2, b0 = 3;
        double a1 = (Softmax([1, -1], 0) * s0) + (Softmax([1, -1], 1) * a0);
        double b1 = (Softmax([0, 2], 0) * s0) + (Softmax([0, 2], 1) * b0);
        double s1 = (Softmax([0.5, 0, -0.5], 0) * s0) + (Softmax([0.5, 0, -0.5], 1) * a0) + (Softmax([0.5, 0, -0.5], 2) * b0);
        // Level 1: shared expert on s1, task experts on their own inputs; task gates read their task's input.
        double shared1 = Relu(s1), expertA = Relu(a1 + 0.25), expertB = Relu(b1 - 0.5);
        double outA = (Softmax([2 * a1, 0], 0) * shared1) + (Softmax([2 * a1, 0], 1) * expertA);
        double outB = (shared1 + expertB) / 2;
        predictions.Regression("a").Values[0].Should().BeApproximately((float)outA, 1e-5f);
        predictions.Regression("b").Values[0].Should().BeApproximately((float)outB, 1e-5f);
    }

    [Fact]
    public void Parameters_TaskOwnsOnlyWhatNoOtherTaskReaches()
    {
        using var model = MultiTaskModel.Create(Tasks, new PleArchitecture { Experts = [Trunks.Mlp(1, [1]), Trunks.Mlp(1, [1])] }, seed: 2);

        // Task a: its level-1 expert (2), its gates at levels 0 and 1 (2 + 2), its tower (2).
        model.TaskParameters("a").Sum(p => p.numel()).Should().Be(8);
        // Shared: level-0 experts (3 × 2), the shared gate (3), the level-1 shared expert (2).
        model.SharedParameters.Sum(p => p.numel()).Should().Be(11);
        model.ParameterCount.Should().Be(11 + 8 + 8);
    }

    [Fact]
    public void Cgc_GatesSumToOne_AndTaskExpertsAreTheTasks()
    {
        using var model = MultiTaskModel.Create(Tasks, new CgcArchitecture { Expert = Trunks.Mlp(3, [4]), SharedExpertCount = 2, TaskExpertCount = 3 }, seed: 3);
        using var scope = torch.NewDisposeScope();
        var gates = ((PleNetwork)model.Network).GateWeights(torch.randn(5, 3));

        gates.Should().HaveCount(1);
        gates[0].Should().HaveCount(2, "one level has no shared gate");
        gates[0][1].shape.Should().Equal(5, 5);
        gates[0][1].sum(1).data<float>().ToArray().Should().AllSatisfy(s => s.Should().BeApproximately(1f, 1e-6f));
        // Shared: 2 experts × 16. Task: 3 experts × 16, gate 3·5 = 15, tower 4 + 1 = 5.
        model.SharedParameters.Sum(p => p.numel()).Should().Be(32);
        model.TaskParameters("b").Sum(p => p.numel()).Should().Be(48 + 15 + 5);
    }

    [Fact]
    public void Experts_LevelWidthsThatDoNotChain_AreRefusedNamingTheLevel()
    {
        var act = () => new PleArchitecture { Experts = [Trunks.Mlp(4, [8]), Trunks.Mlp(6, [8])] };
        act.Should().Throw<ArgumentException>().WithMessage("PleArchitecture.Experts[1] takes 6 features but level 0's experts give 8*");
    }
}

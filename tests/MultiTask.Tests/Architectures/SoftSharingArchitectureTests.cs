using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class SoftSharingArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Fact]
    public void Penalty_IsLambdaTimesTheSquaredDifferencesOfEveryPairOfTowers()
    {
        using var model = MultiTaskModel.Create([.. Tasks, TaskSpec.Regression("c")], new SoftSharingArchitecture { Tower = Trunks.Mlp(1, [2]), Strength = 0.5 }, seed: 1);
        Set(model, "towers.a.linear0.weight", 1, 2);
        Set(model, "towers.a.linear0.bias", 0, 0);
        Set(model, "towers.b.linear0.weight", 0, 0);
        Set(model, "towers.b.linear0.bias", 1, -1);
        Set(model, "towers.c.linear0.weight", 1, 2);
        Set(model, "towers.c.linear0.bias", 1, -1);
        using var scope = torch.NewDisposeScope();

        // a−b: 1 + 4 + 1 + 1 = 7; a−c: 0 + 0 + 1 + 1 = 2; b−c: 1 + 4 + 0 + 0 = 5. λ = 0.5: 0.5 · 14 = 7.
        model.Network.Penalty(torch.zeros(1, 1))!.item<float>().Should().BeApproximately(7f, 1e-6f);
    }

    [Fact]
    public void Fit_WithZeroTaskWeights_PullsTheTowersTogetherByThePenaltyGradientOnly()
    {
        var x = Problems.Features(16, 1, seed: 2);
        using var data = MultiTaskDataset.FromArrays(x, Tasks, [Problems.Linear(x, [1.0]), Problems.Linear(x, [-1.0])]);
        using var model = MultiTaskModel.Create(Tasks, new SoftSharingArchitecture { Tower = Trunks.Mlp(1, [2]), Strength = 0.5 }, seed: 3);
        var before = Difference(model);
        var options = new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.1, Epochs = 1, BatchSize = 16 };
        using var trainer = new MultiTaskTrainer(model, options, Weightings.Static(0, 0));

        trainer.Fit(data);

        // ∂/∂θa of λ‖θa − θb‖² = 2λ(θa − θb), and the opposite for θb: one SGD step scales θa − θb by 1 − 4·lr·λ = 0.8.
        Difference(model).Should().Equal(before.Select(d => d * 0.8f), (actual, expected) => Math.Abs(actual - expected) < 1e-6);
    }

    private static float[] Difference(MultiTaskModel model)
    {
        using var scope = torch.NewDisposeScope();
        var towers = model.Network.named_parameters().Where(p => p.name.StartsWith("towers.", StringComparison.Ordinal)).ToDictionary(p => p.name, p => p.parameter);
        return towers.Where(p => p.Key.StartsWith("towers.a.", StringComparison.Ordinal))
            .SelectMany(p => (p.Value - towers["towers.b." + p.Key["towers.a.".Length..]]).detach().data<float>().ToArray()).ToArray();
    }
}

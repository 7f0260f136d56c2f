using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class GroupLearningRateTests
{
    [Fact]
    public void AdamFirstStep_MovesEachGroupByItsOwnRate()
    {
        // Adam's first step is −lr·ĝ/(|ĝ| + ε) per element (m̂ = g, v̂ = g²): each element moves by at most lr, and by
        // lr up to ε/|g| where its gradient is not tiny, so the largest move of a group is its learning rate.
        var (before, after) = OneStep(new TrainerOptions { LearningRate = 1e-2, GroupLearningRates = new Dictionary<string, double> { ["trunk"] = 1e-4 } });

        LargestMove(before, after, "trunk.").Should().BeApproximately(1e-4, 1e-6);
        LargestMove(before, after, "heads.").Should().BeApproximately(1e-2, 1e-5);
    }

    [Fact]
    public void LongestPrefixWins()
    {
        var (before, after) = OneStep(new TrainerOptions
        {
            LearningRate = 1e-2,
            GroupLearningRates = new Dictionary<string, double> { ["trunk"] = 1e-4, ["trunk.linear1"] = 1e-3 },
        });

        LargestMove(before, after, "trunk.linear0.").Should().BeApproximately(1e-4, 1e-6);
        LargestMove(before, after, "trunk.linear1.").Should().BeApproximately(1e-3, 1e-6);
        LargestMove(before, after, "heads.").Should().BeApproximately(1e-2, 1e-5);
    }

    [Fact]
    public void Sgd_GroupRateScalesThatGroupsStep_AndLeavesTheOthersBitIdentical()
    {
        // Plain SGD moves by −lr·g: the same gradients at a tenth of the rate give a tenth of the move.
        var uniform = OneStep(new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.1 });
        var grouped = OneStep(new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.1, GroupLearningRates = new Dictionary<string, double> { ["heads"] = 0.01 } });

        foreach (var (name, start) in uniform.Before)
        {
            grouped.Before[name].Should().Equal(start, "both models start from the same seed");
            for (int i = 0; i < start.Length; i++)
            {
                double full = uniform.After[name][i] - start[i];
                double moved = grouped.After[name][i] - start[i];
                if (name.StartsWith("heads.", StringComparison.Ordinal))
                {
                    moved.Should().BeApproximately(full / 10, 1e-6, $"{name}[{i}]");
                }
                else
                {
                    grouped.After[name][i].Should().Be(uniform.After[name][i], $"{name}[{i}] keeps the base rate");
                }
            }
        }
    }

    [Fact]
    public void UnknownGroup_IsRefusedByTheTrainer_ListingTheGroups()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 1);

        var act = () => new MultiTaskTrainer(model, new TrainerOptions { GroupLearningRates = new Dictionary<string, double> { ["body"] = 1e-3 } });

        act.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.GroupLearningRates names 'body', under which the model has no parameter; its parameter groups are 'trunk', 'heads'.*");
    }

    [Fact]
    public void InvalidRatesOrPrefixes_AreRefusedWhenSet()
    {
        var zero = () => new TrainerOptions { GroupLearningRates = new Dictionary<string, double> { ["trunk"] = 0 } };
        var dot = () => new TrainerOptions { GroupLearningRates = new Dictionary<string, double> { ["trunk."] = 1e-3 } };

        zero.Should().Throw<ArgumentOutOfRangeException>().WithMessage("TrainerOptions.GroupLearningRates['trunk'] must be finite and > 0; got 0.*");
        dot.Should().Throw<ArgumentException>().WithMessage("GroupLearningRates key must be a parameter name prefix*");
    }

    private static (Dictionary<string, float[]> Before, Dictionary<string, float[]> After) OneStep(TrainerOptions options)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(32, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6]), seed: 4);
        var before = Values(model);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions
        {
            Optimizer = options.Optimizer,
            Momentum = options.Momentum,
            LearningRate = options.LearningRate,
            GroupLearningRates = options.GroupLearningRates,
            Epochs = 1,
            BatchSize = 32,
            Shuffle = false,
        }))
        {
            trainer.Fit(data);
        }

        return (before, Values(model));
    }

    private static Dictionary<string, float[]> Values(MultiTaskModel model)
        => model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());

    private static double LargestMove(Dictionary<string, float[]> before, Dictionary<string, float[]> after, string prefix)
        => before.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(e => e.Value.Select((v, i) => Math.Abs((double)after[e.Key][i] - v)))
            .Max();
}

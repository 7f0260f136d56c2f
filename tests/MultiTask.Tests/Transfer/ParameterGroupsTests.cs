using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Transfer;
using TorchSharp;

namespace MultiTask.Tests.Transfer;

[Collection(TorchCollection.Name)]
public sealed class ParameterGroupsTests
{
    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0)]
    [InlineData(OptimizerKind.AdamW, 0.1)]
    [InlineData(OptimizerKind.Sgd, 0.01)]
    public void FrozenTrunk_IsBitIdenticalAfterFineTuning_WhileTheHeadsMove(OptimizerKind optimizer, double weightDecay)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6]), seed: 4);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 16, Optimizer = optimizer, WeightDecay = weightDecay });
        trainer.Fit(data); // the trunk now has gradients and optimiser state (momentum) that would keep moving it

        var frozen = model.Freeze("trunk");
        var trunk = Values(model, "trunk");
        var heads = Values(model, "heads");
        trainer.Fit(data);

        frozen.Should().Equal("trunk.linear0.weight", "trunk.linear0.bias", "trunk.linear1.weight", "trunk.linear1.bias");
        Values(model, "trunk").Should().BeEquivalentTo(trunk, o => o.WithStrictOrdering(), "a frozen parameter must not change in the last bit");
        Values(model, "heads").Zip(heads).Should().OnlyContain(p => !p.First.SequenceEqual(p.Second), "every head parameter keeps training");
        ParameterGroups.Frozen(model.Network).Should().Equal(frozen);
    }

    [Fact]
    public void Unfreeze_LetsTheTrunkTrainAgain()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 4);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 16 });
        model.Freeze("trunk");
        trainer.Fit(data);
        var trunk = Values(model, "trunk");

        var unfrozen = model.Unfreeze("trunk.linear0.weight");
        trainer.Fit(data);

        unfrozen.Should().Equal("trunk.linear0.weight");
        var after = Values(model, "trunk");
        after[0].Should().NotEqual(trunk[0]);
        after[1].Should().Equal(trunk[1], "the bias is still frozen");
        ParameterGroups.Frozen(model.Network).Should().Equal("trunk.linear0.bias");
    }

    [Theory]
    [InlineData("trunk.linear0.bias")]
    [InlineData("heads.value.out.weight")]
    public void GradientWeighting_WithAFrozenParameter_IsRefusedWithAReason(string frozen)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(32, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 4);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1 }, new MultiTask.Weighting.Mgda());
        model.Freeze(frozen);

        var act = () => trainer.Fit(data);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Weighting method MGDA differentiates*some are frozen ({frozen}); fine-tune with frozen parameters under a loss-based method*");
    }

    [Fact]
    public void Freeze_UnknownPrefix_ListsTheGroups()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 1);

        var unknown = () => model.Freeze("trunks");
        var dotted = () => model.Freeze("trunk.");

        unknown.Should().Throw<ArgumentException>().WithMessage("No parameter lies under 'trunks'; the module's parameter groups are 'trunk', 'heads'.*");
        dotted.Should().Throw<ArgumentException>().WithMessage("prefix must be a parameter name prefix*got \"trunk.\"*");
    }

    [Fact]
    public void OptionsPrefix_IsValidatedWhenSet()
    {
        var act = () => new WeightImportOptions { Prefix = " " };
        var export = () => new WeightExportOptions { Prefix = ".heads" };

        act.Should().Throw<ArgumentException>().WithParameterName("Prefix");
        export.Should().Throw<ArgumentException>().WithParameterName("Prefix");
    }

    private static float[][] Values(MultiTaskModel model, string group)
        => model.Network.named_parameters().Where(p => p.name.StartsWith(group + ".", StringComparison.Ordinal)).Select(p => p.parameter.data<float>().ToArray()).ToArray();
}

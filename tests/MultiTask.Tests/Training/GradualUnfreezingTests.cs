using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Transfer;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class GradualUnfreezingTests
{
    [Fact]
    public void UnfreezesEachGroupAfterItsEpoch_SoFrozenGroupsKeepTheirValuesUntilThen()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6]), seed: 2);
        model.Freeze("trunk");
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 16, Seed = 3, Threads = 1 });
        trainer.Callbacks.Add(new GradualUnfreezing { Schedule = new Dictionary<int, string> { [2] = "trunk.linear0", [1] = "trunk.linear1" } });

        var start = Values(model);
        trainer.Fit(data); // epoch 1: the whole trunk frozen; linear1 unfrozen after it
        var afterOne = Values(model);
        trainer.Fit(data); // epoch 2: linear1 trains; linear0 unfrozen after it
        var afterTwo = Values(model);
        trainer.Fit(data); // epoch 3: everything trains
        var afterThree = Values(model);

        afterOne["trunk.linear0.weight"].Should().Equal(start["trunk.linear0.weight"]);
        afterOne["trunk.linear1.weight"].Should().Equal(start["trunk.linear1.weight"]);
        afterOne["heads.value.out.weight"].Should().NotEqual(start["heads.value.out.weight"], "the heads train from the start");
        afterTwo["trunk.linear0.weight"].Should().Equal(start["trunk.linear0.weight"]);
        afterTwo["trunk.linear1.weight"].Should().NotEqual(afterOne["trunk.linear1.weight"]);
        afterThree["trunk.linear0.weight"].Should().NotEqual(afterTwo["trunk.linear0.weight"]);
        ParameterGroups.Frozen(model.Network).Should().BeEmpty();
    }

    [Fact]
    public void ApplyThrough_AfterResume_UnfreezesWhatTheRunHadUnfrozen()
    {
        var (_, tasks, _) = Problems.ThreeTasks(8, seed: 1);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6]), seed: 2);
        model.Freeze("trunk");
        var unfreezing = new GradualUnfreezing { Schedule = new Dictionary<int, string> { [1] = "trunk.linear1", [3] = "trunk.linear0" } };

        unfreezing.ApplyThrough(model, epochsCompleted: 2);

        ParameterGroups.Frozen(model.Network).Should().Equal("trunk.linear0.weight", "trunk.linear0.bias");
    }

    [Theory]
    [InlineData(0, "trunk")]
    [InlineData(2, " ")]
    public void Schedule_RejectsAnEpochBelowOneOrAnEmptyPrefix(int epoch, string prefix)
    {
        var act = () => new GradualUnfreezing { Schedule = new Dictionary<int, string> { [epoch] = prefix } };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"GradualUnfreezing.Schedule entries need an epoch ≥ 1 and a non-empty parameter prefix; got epoch {epoch} → '{prefix}'.*");
    }

    [Fact]
    public void AnUnknownPrefix_IsRefusedWhenApplied_NamingIt()
    {
        var (_, tasks, _) = Problems.ThreeTasks(8, seed: 1);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 2);
        var unfreezing = new GradualUnfreezing { Schedule = new Dictionary<int, string> { [1] = "trunk.linear7" } };

        var act = () => unfreezing.ApplyThrough(model, 1);

        act.Should().Throw<ArgumentException>().WithMessage("*'trunk.linear7'*");
    }

    private static Dictionary<string, float[]> Values(MultiTaskModel model) =>
        model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
}

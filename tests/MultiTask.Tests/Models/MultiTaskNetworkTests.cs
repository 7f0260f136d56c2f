using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskNetworkTests
{
    [Fact]
    public void Component_ReturnsTheSubmoduleAtAParameterPath()
    {
        var (_, tasks, _) = Problems.ThreeTasks(8, seed: 1);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), Heads.Linear());
        var hard = (HardSharingNetwork)model.Network;

        model.Network.Component("trunk").Should().BeSameAs(hard.Trunk);
        model.Network.Component("heads.sign").Should().BeSameAs(hard.Heads[1]);
        // The parameters under the component are exactly those whose names start with its path.
        model.Network.Component("trunk").parameters().Count()
            .Should().Be(model.Network.named_parameters().Count(p => p.name.StartsWith("trunk.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Component_UnknownPath_NamesThePathAndTheComponents()
    {
        var (_, tasks, _) = Problems.ThreeTasks(8, seed: 1);
        using var model = MultiTaskModel.Create(tasks, new MmoeArchitecture { Expert = Trunks.Mlp(4, [6]), ExpertCount = 2 }, seed: 1);

        var act = () => model.Network.Component("trunk");

        act.Should().Throw<ArgumentException>().WithMessage("The network has no component 'trunk'; its components are *'experts'*");
    }
}

namespace MultiTask.Tests;

/// <summary>The core's sub-namespaces form a layered graph: no namespace depends on itself through others.</summary>
public sealed class NamespaceCycleTests
{
    private static readonly Lazy<NamespaceGraph> Core = new(() => NamespaceGraph.FromSources(Path.Combine(RepositoryRoot(), "src", "MultiTask")));

    [Fact]
    public void CoreSubNamespaces_HaveNoCycle()
    {
        var graph = Core.Value;
        var cycle = graph.FindCycle();
        cycle.Should().BeNull(cycle is null ? string.Empty : "the core's namespaces must not depend on each other in a cycle:\n" + graph.Describe(cycle));
    }

    [Fact]
    public void Scanner_SeesTheKnownDirectedDependencies()
    {
        // Read off the sources by hand: the trainer uses the engine (Internal) and the weighting methods; the trunk
        // specs name their input kind (Data); none of these is used the other way round.
        var edges = Core.Value.Edges;
        edges["MultiTask.Training"].Keys.Should().Contain(["MultiTask.Internal", "MultiTask.Weighting", "MultiTask.Models", "MultiTask.Data"]);
        edges["MultiTask.Models"]["MultiTask.Data"].Should().Contain("Models/TrunkSpec.cs");
        edges.GetValueOrDefault("MultiTask.Internal")?.Keys.Should().NotContain("MultiTask.Training");
        edges.GetValueOrDefault("MultiTask.Data")?.Keys.Should().NotContain("MultiTask.Internal");
    }

    [Fact]
    public void FindCycle_ReportsThePathThatClosesTheCycle()
    {
        var graph = new NamespaceGraph();
        graph.Add("MultiTask.A", "MultiTask.B", "A/One.cs");
        graph.Add("MultiTask.B", "MultiTask.C", "B/Two.cs");
        graph.Add("MultiTask.C", "MultiTask.B", "C/Three.cs");
        graph.Add("MultiTask.C", "MultiTask.D", "C/Four.cs");

        graph.FindCycle().Should().Equal("MultiTask.B", "MultiTask.C", "MultiTask.B");
        graph.Describe(graph.FindCycle()!).Should().Contain("MultiTask.C → MultiTask.B: C/Three.cs");
    }

    [Fact]
    public void FindCycle_OnALayeredGraph_IsNull()
    {
        var graph = new NamespaceGraph();
        graph.Add("MultiTask.A", "MultiTask.B", "a");
        graph.Add("MultiTask.A", "MultiTask.C", "a");
        graph.Add("MultiTask.B", "MultiTask.C", "b");

        graph.FindCycle().Should().BeNull();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiTask.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MultiTask.sln above {AppContext.BaseDirectory}; the test reads the core's sources from the repository.");
    }
}

using System.Reflection;
using MultiTask.Inputs;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests;

/// <summary>The two packages depend one way: MultiTask.Tabular on MultiTask, never the reverse.</summary>
public sealed class PackageDependencyTests
{
    private static readonly Assembly Core = typeof(MultiTaskModel).Assembly;
    private static readonly Assembly Tabular = typeof(TabularData).Assembly;

    [Fact]
    public void TheCoreReferencesNeitherTabularNorAnyOtherMultiTaskAssembly()
    {
        Core.GetName().Name.Should().Be("MultiTask");
        Core.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain(n => n!.StartsWith("MultiTask", StringComparison.Ordinal));
    }

    [Fact]
    public void TabularReferencesTheCore()
    {
        Tabular.GetName().Name.Should().Be("MultiTask.Tabular");
        Tabular.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("MultiTask");
    }

    [Fact]
    public void NoCoreTypeLivesInATabularNamespace_AndTheReverse()
    {
        Core.GetTypes().Select(t => t.Namespace ?? string.Empty).Should().NotContain(n => n.StartsWith("MultiTask.Tabular", StringComparison.Ordinal));
        Tabular.GetTypes().Where(t => t.Namespace is not null && !t.Namespace.StartsWith("System", StringComparison.Ordinal) && !t.Namespace.StartsWith("Microsoft", StringComparison.Ordinal))
            .Select(t => t.Namespace!).Should().OnlyContain(n => n.StartsWith("MultiTask.Tabular", StringComparison.Ordinal));
    }

    [Fact]
    public void TabularNamesItsProvider_SoModelFilesFindTheBuiltInSteps()
    {
        Tabular.GetCustomAttribute<InputTransformProviderAttribute>()!.ProviderType.Should().Be(typeof(TabularTransformProvider));
        InputTransforms.IsKnown("standard-scaler").Should().BeTrue();
        InputTransforms.IsKnown("pipeline").Should().BeTrue();
    }
}

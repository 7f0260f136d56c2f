namespace MultiTask.Tests.TestUtilities;

/// <summary>All tests that touch TorchSharp's global state (generator, thread count) run in this one serial collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}

using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// A user-supplied TorchSharp module as a head. Its factory receives the representation width and the task's output
/// width. The model file stores the name; loading needs the factory again, passed in <see cref="ModuleFactories"/>.
/// </summary>
public sealed class CustomHeadSpec : HeadSpec
{
    internal CustomHeadSpec(string name)
    {
        Name = name;
    }

    /// <summary>The name under which the factory is registered.</summary>
    public string Name { get; }

    internal Func<int, int, Module<Tensor, Tensor>>? Factory { get; init; }

    /// <summary>The factory name: <c>Custom('name')</c>.</summary>
    public override string ToString() => $"Custom('{Name}')";

    internal override Module<Tensor, Tensor> Build(int inputSize, int outputSize, ModuleFactories? factories)
    {
        var factory = Factory ?? factories?.Head(Name)
            ?? throw new InvalidOperationException($"Custom head '{Name}' has no factory: pass one in ModuleFactories when loading the model.");
        return factory(inputSize, outputSize) ?? throw new InvalidOperationException($"The factory of custom head '{Name}' returned null.");
    }
}

using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>Factories of task heads.</summary>
public static class Heads
{
    /// <summary>A single linear layer from the representation to the task's output.</summary>
    public static MlpHeadSpec Linear() => new([], Activation.ReLU, 0);

    /// <summary>An MLP head with the given hidden layers and a final linear layer to the task's output.</summary>
    /// <param name="hiddenSizes">The width of each hidden layer, each ≥ 1; may be empty.</param>
    /// <param name="activation">Default: <see cref="Activation.ReLU"/>.</param>
    /// <param name="dropout">Range: [0, 1). Default: 0.</param>
    public static MlpHeadSpec Mlp(IReadOnlyList<int> hiddenSizes, Activation activation = Activation.ReLU, double dropout = 0)
    {
        Trunks.CheckSizes(hiddenSizes, nameof(hiddenSizes), allowEmpty: true);
        Trunks.CheckDropout(dropout);
        OptionRanges.Defined(activation, nameof(Heads) + "." + nameof(Mlp), nameof(activation));
        return new MlpHeadSpec(hiddenSizes.ToArray(), activation, dropout);
    }

    /// <summary>Any TorchSharp module as a head.</summary>
    /// <param name="name">A name for the factory, used again when loading a saved model (see <see cref="ModuleFactories"/>).</param>
    /// <param name="factory">Creates the head from the representation width and the task's output width; it must return [batch, outputWidth].</param>
    public static CustomHeadSpec Custom(string name, Func<int, int, Module<Tensor, Tensor>> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        return new CustomHeadSpec(name) { Factory = factory };
    }
}

using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// Describes a task head: a module from the shared representation to the task's output (logits or value).
/// The description is saved with the model.
/// </summary>
/// <remarks>Create heads with the <see cref="Heads"/> factories.</remarks>
public abstract class HeadSpec
{
    private protected HeadSpec()
    {
    }

    /// <summary>Creates the head module with fresh weights.</summary>
    internal abstract Module<Tensor, Tensor> Build(int inputSize, int outputSize, ModuleFactories? factories);

    /// <summary>A readable description of the architecture, e.g. <c>Mlp(in → 16 → out, ReLU)</c>.</summary>
    public abstract override string ToString();
}

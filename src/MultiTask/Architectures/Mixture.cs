using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>The arithmetic the mixture-of-experts architectures share: expert outputs stacked, and weighted sums of them.</summary>
internal static class Mixture
{
    /// <summary>Each expert applied to the same input, stacked: [batch, experts, width].</summary>
    internal static Tensor Stack(IReadOnlyList<Module<Tensor, Tensor>> experts, Tensor input)
    {
        var outputs = new Tensor[experts.Count];
        for (int e = 0; e < outputs.Length; e++)
        {
            outputs[e] = experts[e].call(input);
        }

        return torch.stack(outputs, 1);
    }

    /// <summary>Σₑ weights[:, e] · experts[:, e, :]: [batch, width] from weights [batch, experts] and experts [batch, experts, width].</summary>
    internal static Tensor Mix(Tensor weights, Tensor experts) => weights.unsqueeze(1).bmm(experts).squeeze(1);

    /// <summary>Each task's tower on its gated mixture of shared experts: towerₜ(Σₑ gateₜ(x)ₑ · expertₑ(x)), in task order.</summary>
    internal static Tensor[] GatedTowers(IReadOnlyList<Module<Tensor, Tensor>> experts, IReadOnlyList<Module<Tensor, Tensor>> towers, Tensor input, Func<int, Tensor> gate)
    {
        var stacked = Stack(experts, input);
        var outputs = new Tensor[towers.Count];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = towers[t].call(Mix(gate(t), stacked));
        }

        return outputs;
    }

    /// <summary>A softmax gate's weights over the experts: softmax(W x) along the expert dimension.</summary>
    internal static Tensor Softmax(Module<Tensor, Tensor> gate, Tensor input) => torch.nn.functional.softmax(gate.call(input), 1);

    /// <summary>Builds a network from modules tracked in a list, disposing all of them if building fails.</summary>
    internal static T Guarded<T>(Func<List<Module>, T> build)
    {
        var built = new List<Module>();
        try
        {
            return build(built);
        }
        catch
        {
            built.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>Adds a module to the list of modules to dispose on failure and returns it.</summary>
    internal static TModule Track<TModule>(this List<Module> built, TModule module)
        where TModule : Module
    {
        built.Add(module);
        return module;
    }
}

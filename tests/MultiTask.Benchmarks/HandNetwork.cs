using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Benchmarks;

/// <summary>
/// The hand-written equivalent of the library's network: a Sequential trunk (Linear-ReLU per hidden layer) and one
/// Sequential head per task (Linear(256,64)-ReLU-Linear(64,1)), built in the same order as the library builds its modules.
/// </summary>
internal sealed class HandNetwork : Module<Tensor, Tensor[]>
{
    private readonly Sequential _trunk;
    private readonly ModuleList<Sequential> _heads;

    internal HandNetwork(int inputs, int[] trunkSizes, int headHidden, int tasks)
        : base(nameof(HandNetwork))
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int i = 0; i < trunkSizes.Length; i++)
        {
            layers.Add(($"linear{i}", Linear(width, trunkSizes[i])));
            layers.Add(($"act{i}", ReLU()));
            width = trunkSizes[i];
        }

        _trunk = Sequential(layers);
        _heads = new ModuleList<Sequential>();
        for (int t = 0; t < tasks; t++)
        {
            _heads.Add(Sequential(("linear0", Linear(width, headHidden)), ("act0", ReLU()), ("out", Linear(headHidden, 1))));
        }

        RegisterComponents();
    }

    public override Tensor[] forward(Tensor input)
    {
        var z = _trunk.call(input);
        var outputs = new Tensor[_heads.Count];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _heads[t].call(z);
        }

        return outputs;
    }
}

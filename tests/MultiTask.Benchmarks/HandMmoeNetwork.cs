using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Benchmarks;

/// <summary>
/// The hand-written equivalent of the library's MMoE (Ma et al., KDD 2018) as the usual PyTorch ports write it
/// (e.g. LibMTL's MMoE): a ModuleList of expert MLPs whose outputs are stacked, one bias-free Linear gate per task with
/// a softmax over the experts, a batched matrix product for each task's mixture, and one tower per task. Modules are
/// built in the library's order (experts, then gates, then towers), so the same seed gives the same initial weights.
/// </summary>
internal sealed class HandMmoeNetwork : Module<Tensor, Tensor[]>
{
    private readonly ModuleList<Sequential> _experts;
    private readonly ModuleList<Linear> _gates;
    private readonly ModuleList<Sequential> _towers;

    internal HandMmoeNetwork(int inputs, int[] expertSizes, int experts, int towerHidden, int tasks)
        : base(nameof(HandMmoeNetwork))
    {
        _experts = new ModuleList<Sequential>();
        int width = inputs;
        for (int e = 0; e < experts; e++)
        {
            var layers = new List<(string, Module<Tensor, Tensor>)>();
            width = inputs;
            for (int i = 0; i < expertSizes.Length; i++)
            {
                layers.Add(($"linear{i}", Linear(width, expertSizes[i])));
                layers.Add(($"act{i}", ReLU()));
                width = expertSizes[i];
            }

            _experts.Add(Sequential(layers));
        }

        _gates = new ModuleList<Linear>();
        for (int t = 0; t < tasks; t++)
        {
            _gates.Add(Linear(inputs, experts, hasBias: false));
        }

        _towers = new ModuleList<Sequential>();
        for (int t = 0; t < tasks; t++)
        {
            _towers.Add(Sequential(("linear0", Linear(width, towerHidden)), ("act0", ReLU()), ("out", Linear(towerHidden, 1))));
        }

        RegisterComponents();
    }

    public override Tensor[] forward(Tensor input)
    {
        var expertOutputs = new Tensor[_experts.Count];
        for (int e = 0; e < expertOutputs.Length; e++)
        {
            expertOutputs[e] = _experts[e].call(input);
        }

        var stacked = torch.stack(expertOutputs, 1);
        var outputs = new Tensor[_towers.Count];
        for (int t = 0; t < outputs.Length; t++)
        {
            var gate = nn.functional.softmax(_gates[t].call(input), 1);
            outputs[t] = _towers[t].call(gate.unsqueeze(1).bmm(stacked).squeeze(1));
        }

        return outputs;
    }
}

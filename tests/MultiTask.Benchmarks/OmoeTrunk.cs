using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Benchmarks;

/// <summary>
/// The one-gate mixture of experts (OMoE) of Ma et al. (KDD 2018, §4.2's baseline): experts Linear(d, units)-ReLU and
/// one softmax gate over the input shared by all tasks, so every task reads the same mixture. The library has no
/// OMoE architecture, so the benchmark plugs this in as a custom trunk of hard sharing (towers = the heads).
/// </summary>
internal sealed class OmoeTrunk : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> _experts;
    private readonly Linear _gate;

    internal OmoeTrunk(int inputs, int experts, int units)
        : base(nameof(OmoeTrunk))
    {
        _experts = new ModuleList<Sequential>();
        for (int e = 0; e < experts; e++)
        {
            _experts.Add(Sequential(("linear0", Linear(inputs, units)), ("act0", ReLU())));
        }

        _gate = Linear(inputs, experts, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var outputs = new Tensor[_experts.Count];
        for (int e = 0; e < outputs.Length; e++)
        {
            outputs[e] = _experts[e].call(input);
        }

        var weights = nn.functional.softmax(_gate.call(input), 1);
        return weights.unsqueeze(1).bmm(torch.stack(outputs, 1)).squeeze(1);
    }
}

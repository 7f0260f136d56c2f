using TorchSharp;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>Builds the Sequential modules behind MLP trunks and heads, with stable parameter names (layer0, act0, …, out).</summary>
internal static class MlpBuilder
{
    internal static Module<Tensor, Tensor> Build(int inputSize, IReadOnlyList<int> hiddenSizes, int? outputSize, Activation activation, double dropout, Normalization normalization)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int width = inputSize;
        for (int i = 0; i < hiddenSizes.Count; i++)
        {
            layers.Add(($"linear{i}", torch.nn.Linear(width, hiddenSizes[i])));
            switch (normalization)
            {
                case Normalization.BatchNorm:
                    layers.Add(($"norm{i}", torch.nn.BatchNorm1d(hiddenSizes[i])));
                    break;
                case Normalization.LayerNorm:
                    layers.Add(($"norm{i}", torch.nn.LayerNorm(hiddenSizes[i])));
                    break;
            }

            layers.Add(($"act{i}", CreateActivation(activation)));
            if (dropout > 0)
            {
                layers.Add(($"dropout{i}", torch.nn.Dropout(dropout)));
            }

            width = hiddenSizes[i];
        }

        if (outputSize is int output)
        {
            layers.Add(("out", torch.nn.Linear(width, output)));
        }

        return Sequential(layers);
    }

    private static Module<Tensor, Tensor> CreateActivation(Activation activation) => activation switch
    {
        Activation.ReLU => torch.nn.ReLU(),
        Activation.GELU => torch.nn.GELU(),
        Activation.SiLU => torch.nn.SiLU(),
        Activation.Tanh => torch.nn.Tanh(),
        Activation.LeakyReLU => torch.nn.LeakyReLU(0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}

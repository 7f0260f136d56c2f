using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>Σₜ wₜ·Lₜ for a loss vector and plain weights, in the caller's dispose scope.</summary>
internal static class WeightedSum
{
    internal static Tensor Of(Tensor losses, IReadOnlyList<double> weights)
    {
        var w = torch.tensor(weights.Select(v => (float)v).ToArray(), dtype: losses.dtype, device: losses.device);
        return losses.mul(w).sum();
    }
}

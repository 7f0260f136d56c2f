using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>Σₜ wₜ·Lₜ for a loss vector and plain weights, in the caller's dispose scope.</summary>
internal static class WeightedSum
{
    /// <remarks>With every weight 1 (equal weighting), the plain sum: the same numbers (a factor 1 is exact) without the weight tensor.</remarks>
    internal static Tensor Of(Tensor losses, IReadOnlyList<double> weights)
    {
        if (weights.All(w => w == 1))
        {
            return losses.sum();
        }

        var w = torch.tensor(weights.Select(v => (float)v).ToArray(), dtype: losses.dtype, device: losses.device);
        return losses.mul(w).sum();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Data;

/// <summary>Turns host targets (NaN = missing label) into the target and mask tensors the losses take.</summary>
internal static class TargetTensors
{
    /// <summary>
    /// Targets [rows, columns] float32 with missing labels as 0 (so no NaN reaches a loss) and the mask [rows, columns]
    /// float32, 1 where the label is present; both new, in the caller's dispose scope. <paramref name="values"/> is
    /// row-major [rows, columns], NaN where a label is missing.
    /// </summary>
    internal static (Tensor Targets, Tensor Mask) From(ReadOnlySpan<float> values, int rows, int columns)
    {
        var targets = new float[values.Length];
        var mask = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bool present = !float.IsNaN(values[i]);
            targets[i] = present ? values[i] : 0f;
            mask[i] = present ? 1f : 0f;
        }

        return (torch.tensor(targets, [rows, columns]), torch.tensor(mask, [rows, columns]));
    }
}

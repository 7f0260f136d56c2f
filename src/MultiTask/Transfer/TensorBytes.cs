using MultiTask.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Transfer;

/// <summary>Converts between TorchSharp tensors and safetensors entries (raw little-endian bytes, row-major).</summary>
internal static class TensorBytes
{
    private static readonly (ScalarType Torch, SafetensorsDType File)[] Types =
    [
        (ScalarType.Float64, SafetensorsDType.F64),
        (ScalarType.Float32, SafetensorsDType.F32),
        (ScalarType.Float16, SafetensorsDType.F16),
        (ScalarType.BFloat16, SafetensorsDType.BF16),
        (ScalarType.Int64, SafetensorsDType.I64),
        (ScalarType.Int32, SafetensorsDType.I32),
        (ScalarType.Int16, SafetensorsDType.I16),
        (ScalarType.Int8, SafetensorsDType.I8),
        (ScalarType.Byte, SafetensorsDType.U8),
        (ScalarType.Bool, SafetensorsDType.Bool),
    ];

    /// <summary>A copy of a tensor's values as a safetensors entry of the same dtype.</summary>
    internal static SafetensorsTensor ToEntry(string name, Tensor tensor)
    {
        RequireLittleEndian();
        int index = Array.FindIndex(Types, t => t.Torch == tensor.dtype);
        if (index < 0)
        {
            throw new NotSupportedException($"Tensor '{name}' has dtype {tensor.dtype}, which safetensors cannot hold.");
        }

        using var scope = torch.NewDisposeScope();
        var host = tensor.detach().cpu().contiguous();
        return new SafetensorsTensor(name, Types[index].File, host.shape, host.bytes.ToArray());
    }

    /// <summary>A new CPU tensor (in the caller's dispose scope) holding an entry's values in its own dtype.</summary>
    internal static Tensor ToTensor(SafetensorsTensor entry)
    {
        RequireLittleEndian();
        var tensor = torch.empty(entry.Shape.ToArray(), dtype: Types.First(t => t.File == entry.DType).Torch);
        entry.Data.Span.CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>Whether a module tensor of this dtype holds floating-point values.</summary>
    internal static bool IsFloating(ScalarType type) => type is ScalarType.Float64 or ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16;

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors data is little-endian; this machine is big-endian.");
        }
    }
}

namespace MultiTask.Safetensors;

/// <summary>
/// The element types of the safetensors format (the <c>dtype</c> strings of its header), as written by PyTorch's and
/// Hugging Face's <c>safetensors</c> package. Values are little-endian.
/// </summary>
public enum SafetensorsDType
{
    /// <summary><c>F64</c>: IEEE 754 double precision, 8 bytes.</summary>
    F64,

    /// <summary><c>F32</c>: IEEE 754 single precision, 4 bytes (PyTorch's <c>torch.float32</c>).</summary>
    F32,

    /// <summary><c>F16</c>: IEEE 754 half precision, 2 bytes.</summary>
    F16,

    /// <summary><c>BF16</c>: bfloat16 (the upper 16 bits of a single), 2 bytes.</summary>
    BF16,

    /// <summary><c>I64</c>: signed 64-bit integer (e.g. BatchNorm's <c>num_batches_tracked</c>).</summary>
    I64,

    /// <summary><c>I32</c>: signed 32-bit integer.</summary>
    I32,

    /// <summary><c>I16</c>: signed 16-bit integer.</summary>
    I16,

    /// <summary><c>I8</c>: signed 8-bit integer.</summary>
    I8,

    /// <summary><c>U8</c>: unsigned 8-bit integer.</summary>
    U8,

    /// <summary><c>BOOL</c>: one byte, 0 or 1.</summary>
    Bool,
}

using System.Buffers.Binary;
using System.Globalization;

namespace MultiTask.Safetensors;

/// <summary>
/// One named tensor of a safetensors file: its element type, its shape and its raw little-endian bytes (row-major, as
/// PyTorch stores a contiguous tensor).
/// </summary>
public sealed class SafetensorsTensor
{
    private readonly long[] _shape;

    /// <summary>Creates a tensor entry from raw bytes.</summary>
    /// <param name="name">The tensor's name, e.g. <c>trunk.linear0.weight</c>; not empty.</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="shape">The dimensions, each ≥ 0; empty for a scalar.</param>
    /// <param name="data">The raw little-endian values: exactly (product of <paramref name="shape"/>) × element size bytes.</param>
    /// <exception cref="ArgumentException">The name is empty, a dimension is negative, or the byte count does not match the shape.</exception>
    public SafetensorsTensor(string name, SafetensorsDType dtype, IReadOnlyList<long> shape, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        int size = SafetensorsDTypes.Size(dtype);
        long? expected = ByteCount(shape, size);
        if (expected is null)
        {
            throw new ArgumentException($"Tensor '{name}' has shape {FormatShape(shape)}: dimensions must be ≥ 0 and the element count must fit in 64 bits.", nameof(shape));
        }

        if (expected != data.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tensor '{name}' of dtype {SafetensorsDTypes.Name(dtype)} and shape {FormatShape(shape)} needs {expected} bytes; got {data.Length}."), nameof(data));
        }

        Name = name;
        DType = dtype;
        _shape = shape.ToArray();
        Data = data;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The number of elements (the product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount => _shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The raw little-endian bytes, row-major.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>A single-precision tensor from values in row-major order.</summary>
    /// <param name="name">The tensor's name; not empty.</param>
    /// <param name="shape">The dimensions; their product must equal the number of values.</param>
    /// <param name="values">The values, row-major.</param>
    public static SafetensorsTensor FromSingles(string name, IReadOnlyList<long> shape, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return new SafetensorsTensor(name, SafetensorsDType.F32, shape, bytes);
    }

    /// <summary>A double-precision tensor from values in row-major order.</summary>
    /// <param name="name">The tensor's name; not empty.</param>
    /// <param name="shape">The dimensions; their product must equal the number of values.</param>
    /// <param name="values">The values, row-major.</param>
    public static SafetensorsTensor FromDoubles(string name, IReadOnlyList<long> shape, ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return new SafetensorsTensor(name, SafetensorsDType.F64, shape, bytes);
    }

    /// <summary>
    /// The values as doubles, row-major. Exact for every floating type (F16 and BF16 widen without rounding) and for
    /// integers up to 2⁵³ in magnitude; BOOL gives 0 or 1.
    /// </summary>
    public double[] ToDoubles()
    {
        var span = Data.Span;
        int size = SafetensorsDTypes.Size(DType);
        var values = new double[span.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var at = span.Slice(i * size, size);
            values[i] = DType switch
            {
                SafetensorsDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(at),
                SafetensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(at),
                SafetensorsDType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(at),
                SafetensorsDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(at) << 16),
                SafetensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(at),
                SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(at),
                SafetensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(at),
                SafetensorsDType.I8 => (sbyte)at[0],
                _ => at[0],
            };
        }

        return values;
    }

    /// <summary>A shape as PyTorch prints it, e.g. <c>[8, 4]</c>.</summary>
    internal static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The byte count of a shape, or null when a dimension is negative or the count overflows.</summary>
    internal static long? ByteCount(IReadOnlyList<long> shape, int elementSize)
    {
        long count = elementSize;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                return null;
            }

            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }
}

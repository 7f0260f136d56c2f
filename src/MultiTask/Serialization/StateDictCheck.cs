using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Serialization;

/// <summary>
/// Walks weight data in TorchSharp's state-dict format (a LEB128 entry count; per entry a length-prefixed UTF-8 name, a
/// LEB128 dtype, rank and dimensions, then the raw values) against the tensors the built network expects, before
/// TorchSharp reads it: every name known and present once, dtype, rank and shape as expected, the values inside the
/// data, floating-point values finite, and nothing after the last entry. So damaged or edited weights are a
/// <see cref="FormatException"/> naming the entry, never an allocation of an absurd rank or size inside TorchSharp.
/// </summary>
internal static class StateDictCheck
{
    /// <summary>Checks <paramref name="data"/> against <paramref name="expected"/> (name → the network's tensor).</summary>
    internal static void Check(ReadOnlySpan<byte> data, IReadOnlyDictionary<string, Tensor> expected)
    {
        int position = 0;
        long count = Leb128(data, ref position, "the entry count");
        if (count != expected.Count)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the weights hold {count} entries; the architecture has {expected.Count}."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long e = 0; e < count; e++)
        {
            long nameLength = Leb128(data, ref position, $"the name of entry {e}");
            if (nameLength > 4096 || position + nameLength > data.Length)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the name of weight entry {e} ({nameLength} bytes) does not fit the data."));
            }

            string name = Encoding.UTF8.GetString(data.Slice(position, (int)nameLength));
            position += (int)nameLength;
            if (!expected.TryGetValue(name, out var tensor))
            {
                throw new FormatException($"the weights hold an entry '{name}' that the architecture does not have.");
            }

            if (!seen.Add(name))
            {
                throw new FormatException($"the weights hold entry '{name}' twice.");
            }

            long dtype = Leb128(data, ref position, $"the dtype of '{name}'");
            if (dtype != (long)tensor.dtype)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"weight '{name}' has dtype {dtype}; the architecture needs {tensor.dtype} ({(long)tensor.dtype})."));
            }

            long rank = Leb128(data, ref position, $"the rank of '{name}'");
            var shape = tensor.shape;
            if (rank != shape.Length)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"weight '{name}' has rank {rank}; the architecture needs shape [{string.Join(", ", shape)}]."));
            }

            for (int d = 0; d < rank; d++)
            {
                long size = Leb128(data, ref position, $"dimension {d} of '{name}'");
                if (size != shape[d])
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"weight '{name}' has size {size} in dimension {d}; the architecture needs shape [{string.Join(", ", shape)}]."));
                }
            }

            long bytes = tensor.numel() * tensor.ElementSize;
            if (position + bytes > data.Length)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the values of weight '{name}' ({bytes} bytes) run past the end of the weight data."));
            }

            CheckFinite(data.Slice(position, (int)bytes), tensor.dtype, name);
            position += (int)bytes;
        }

        if (position != data.Length)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{data.Length - position} bytes follow the last weight entry."));
        }
    }

    private static void CheckFinite(ReadOnlySpan<byte> values, ScalarType dtype, string name)
    {
        int size = dtype switch
        {
            ScalarType.Float32 => 4,
            ScalarType.Float64 => 8,
            _ => 0,
        };
        for (int i = 0; size > 0 && i < values.Length; i += size)
        {
            double value = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(values[i..]) : BinaryPrimitives.ReadDoubleLittleEndian(values[i..]);
            if (!double.IsFinite(value))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"weight '{name}' holds {value} at index {i / size}; weights must be finite."));
            }
        }
    }

    private static long Leb128(ReadOnlySpan<byte> data, ref int position, string what)
    {
        long result = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new FormatException($"the weight data ends inside {what}.");
            }

            byte b = data[position++];
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException($"{what} is not a valid number in the weight data.");
    }
}

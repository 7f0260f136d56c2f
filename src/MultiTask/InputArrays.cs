using System.Globalization;
using System.Runtime.InteropServices;
using MultiTask.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask;

/// <summary>
/// Validates user input arrays (features and token sequences) and copies them once, straight into a new tensor in the
/// caller's dispose scope: no intermediate flat array and no clone inside TorchSharp.
/// </summary>
internal static class InputArrays
{
    /// <summary>Rows written per span: keeps each span of the tensor's memory under 1 GiB (TorchSharp's byte spans stop at 2 GiB).</summary>
    private const long ChunkBytes = 1L << 30;

    /// <summary>A float32 tensor [rows, columns] holding the matrix; every value must be finite.</summary>
    internal static Tensor Features(float[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), columns = features.GetLength(1);
        var source = features.Length == 0 ? ReadOnlySpan<float>.Empty : MemoryMarshal.CreateReadOnlySpan(ref features[0, 0], features.Length);
        CheckFinite(source, Math.Max(columns, 1));
        var tensor = torch.empty([rows, columns], ScalarType.Float32);
        Fill<float>(tensor, rows, columns, (start, target) => MemoryMarshal.CreateReadOnlySpan(ref features[0, 0], features.Length).Slice(start * columns, target.Length).CopyTo(target));
        return tensor;
    }

    /// <summary>A float32 tensor [rows, columns] holding the rows; all rows must have the same length and finite values.</summary>
    internal static Tensor Features(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int columns = rows.Length == 0 ? 0 : (rows[0]?.Length ?? 0);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Feature row {i} is null.", nameof(rows));
            if (row.Length != columns)
            {
                throw new ArgumentException($"Feature row {i} has {row.Length} values; expected {columns} (the length of row 0).", nameof(rows));
            }

            int bad = Array.FindIndex(row, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw NonFinite(i, bad, row[bad]);
            }
        }

        var tensor = torch.empty([rows.Length, columns], ScalarType.Float32);
        Fill<float>(tensor, rows.Length, columns, (start, target) =>
        {
            for (int i = 0; i * columns < target.Length; i++)
            {
                rows[start + i].CopyTo(target.Slice(i * columns, columns));
            }
        });
        return tensor;
    }

    /// <summary>An int64 tensor [sequences, length]: the sequences padded with <paramref name="paddingId"/> (or cut) to one length.</summary>
    /// <param name="sequences">Token ids ≥ 0.</param>
    /// <param name="paddingId">Pads short sequences; ≥ 0.</param>
    /// <param name="maxLength">The common length; null for the longest sequence (at least 1).</param>
    internal static Tensor Tokens(int[][] sequences, int paddingId, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (paddingId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(paddingId), paddingId, "The padding id must be ≥ 0.");
        }

        int longest = 0;
        for (int i = 0; i < sequences.Length; i++)
        {
            var sequence = sequences[i] ?? throw new ArgumentException($"Token sequence {i} is null.", nameof(sequences));
            int negative = Array.FindIndex(sequence, id => id < 0);
            if (negative >= 0)
            {
                throw new ArgumentException($"Token sequence {i} has a negative id {sequence[negative]} at position {negative}; ids must be ≥ 0.", nameof(sequences));
            }

            // The text trunk takes a row's length to be its count of non-padding ids, so a padding id inside the kept
            // part of a sequence would silently cut off the tokens after it.
            int kept = Math.Clamp(maxLength ?? sequence.Length, 0, sequence.Length);
            int padding = Array.IndexOf(sequence, paddingId, 0, kept);
            int after = padding < 0 ? -1 : Array.FindIndex(sequence, padding, kept - padding, id => id != paddingId);
            if (after >= 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Token sequence {i} has the padding id {paddingId} at position {padding}, before token {sequence[after]} at position {after}; the padding id may only pad the end of a sequence (the tokens after it would be ignored)."),
                    nameof(sequences));
            }

            longest = Math.Max(longest, sequence.Length);
        }

        int length = maxLength ?? Math.Max(longest, 1);
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The sequence length must be ≥ 1.");
        }

        SizeLimits.Check(length, SizeLimits.MaxSequenceLength, nameof(maxLength), maxLength is null ? "The longest token sequence" : "maxLength");
        SizeLimits.Check((long)sequences.Length * length, SizeLimits.MaxTokenCells, nameof(maxLength), string.Create(CultureInfo.InvariantCulture, $"The token tensor ({sequences.Length} sequences × length {length})"));

        var tensor = torch.empty([sequences.Length, length], ScalarType.Int64);
        Fill<long>(tensor, sequences.Length, length, (start, target) =>
        {
            target.Fill(paddingId);
            for (int i = 0; i * length < target.Length; i++)
            {
                var sequence = sequences[start + i];
                var row = target.Slice(i * length, length);
                for (int j = 0; j < Math.Min(length, sequence.Length); j++)
                {
                    row[j] = sequence[j];
                }
            }
        });
        return tensor;
    }

    /// <summary>Throws an exception naming the row and column of the first NaN or infinite feature.</summary>
    internal static void CheckFinite(ReadOnlySpan<float> flat, int columns)
    {
        for (int i = 0; i < flat.Length; i++)
        {
            if (!float.IsFinite(flat[i]))
            {
                throw NonFinite(i / columns, i % columns, flat[i]);
            }
        }
    }

    private static ArgumentException NonFinite(int row, int column, float value)
        => new($"Feature at row {row}, column {column} is {value}; features must be finite (impute or drop missing values first).", "features");

    private delegate void ChunkWriter<T>(int startRow, Span<T> target);

    /// <summary>Writes a new contiguous CPU tensor chunk by chunk of whole rows, each chunk through one span of its memory.</summary>
    private static void Fill<T>(Tensor tensor, int rows, int columns, ChunkWriter<T> write)
        where T : unmanaged
    {
        if (rows == 0 || columns == 0)
        {
            return;
        }

        int chunk = (int)Math.Max(1, Math.Min(rows, ChunkBytes / ((long)columns * Marshal.SizeOf<T>())));
        for (int start = 0; start < rows; start += chunk)
        {
            using var part = tensor.narrow(0, start, Math.Min(chunk, rows - start));
            write(start, MemoryMarshal.Cast<byte, T>(part.bytes));
        }
    }
}

namespace MultiTask;

/// <summary>Validation and flattening of user input arrays (features and token sequences).</summary>
internal static class InputArrays
{
    /// <summary>Flattens feature rows into one row-major array; all rows must have the same length.</summary>
    internal static (float[] Flat, int Columns) Flatten(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int columns = rows.Length == 0 ? 0 : (rows[0]?.Length ?? 0);
        var flat = new float[rows.Length * columns];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Feature row {i} is null.", nameof(rows));
            if (row.Length != columns)
            {
                throw new ArgumentException($"Feature row {i} has {row.Length} values; expected {columns} (the length of row 0).", nameof(rows));
            }

            row.CopyTo(flat, i * columns);
        }

        return (flat, columns);
    }

    /// <summary>Throws an exception naming the row and column of the first NaN or infinite feature.</summary>
    internal static void CheckFinite(ReadOnlySpan<float> flat, int columns)
    {
        for (int i = 0; i < flat.Length; i++)
        {
            if (!float.IsFinite(flat[i]))
            {
                throw new ArgumentException($"Feature at row {i / columns}, column {i % columns} is {flat[i]}; features must be finite (impute or drop missing values first).", "features");
            }
        }
    }

    /// <summary>Pads (or cuts) token sequences to one length and returns them row-major as int64.</summary>
    internal static (long[] Flat, int Length) PadTokens(int[][] sequences, int paddingId, int? maxLength)
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
            longest = Math.Max(longest, sequence.Length);
        }

        int length = maxLength ?? Math.Max(longest, 1);
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "The sequence length must be ≥ 1.");
        }

        var flat = new long[sequences.Length * length];
        Array.Fill(flat, paddingId);
        for (int i = 0; i < sequences.Length; i++)
        {
            var sequence = sequences[i];
            for (int j = 0; j < Math.Min(length, sequence.Length); j++)
            {
                if (sequence[j] < 0)
                {
                    throw new ArgumentException($"Token sequence {i} has a negative id {sequence[j]} at position {j}; ids must be ≥ 0.", nameof(sequences));
                }

                flat[(i * length) + j] = sequence[j];
            }
        }

        return (flat, length);
    }
}

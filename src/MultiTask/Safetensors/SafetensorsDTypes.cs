namespace MultiTask.Safetensors;

/// <summary>The header strings and element sizes of <see cref="SafetensorsDType"/>.</summary>
internal static class SafetensorsDTypes
{
    private static readonly (SafetensorsDType Type, string Name, int Size)[] Table =
    [
        (SafetensorsDType.F64, "F64", 8),
        (SafetensorsDType.F32, "F32", 4),
        (SafetensorsDType.F16, "F16", 2),
        (SafetensorsDType.BF16, "BF16", 2),
        (SafetensorsDType.I64, "I64", 8),
        (SafetensorsDType.I32, "I32", 4),
        (SafetensorsDType.I16, "I16", 2),
        (SafetensorsDType.I8, "I8", 1),
        (SafetensorsDType.U8, "U8", 1),
        (SafetensorsDType.Bool, "BOOL", 1),
    ];

    /// <summary>The bytes per element.</summary>
    internal static int Size(SafetensorsDType type) => Entry(type).Size;

    /// <summary>The header string, e.g. <c>"F32"</c>.</summary>
    internal static string Name(SafetensorsDType type) => Entry(type).Name;

    /// <summary>Whether the type is a floating-point type.</summary>
    internal static bool IsFloating(SafetensorsDType type) => type is SafetensorsDType.F64 or SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16;

    /// <summary>The type of a header string, or null when the string is not one this library reads.</summary>
    internal static SafetensorsDType? Parse(string name)
    {
        foreach (var entry in Table)
        {
            if (entry.Name == name)
            {
                return entry.Type;
            }
        }

        return null;
    }

    /// <summary>The header strings this library reads, for messages.</summary>
    internal static string Known => string.Join(", ", Table.Select(e => e.Name));

    private static (SafetensorsDType Type, string Name, int Size) Entry(SafetensorsDType type)
    {
        foreach (var entry in Table)
        {
            if (entry.Type == type)
            {
                return entry;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown safetensors dtype {type}.");
    }
}

using System.Text.Json.Nodes;

namespace MultiTask.Architectures;

/// <summary>
/// The registry that recreates architecture descriptions from the model file by their <see cref="ArchitectureSpec.Type"/>.
/// The built-in architectures are registered; your own call <see cref="Register"/> before loading.
/// </summary>
public static class ArchitectureRegistry
{
    private static readonly Dictionary<string, Func<JsonObject, ArchitectureSpec>> Readers = new(StringComparer.Ordinal)
    {
        [MmoeArchitecture.TypeName] = MmoeArchitecture.FromJson,
        [CgcArchitecture.TypeName] = CgcArchitecture.FromJson,
        [PleArchitecture.TypeName] = PleArchitecture.FromJson,
        [DSelectKArchitecture.TypeName] = DSelectKArchitecture.FromJson,
        [CrossStitchArchitecture.TypeName] = CrossStitchArchitecture.FromJson,
        [SoftSharingArchitecture.TypeName] = SoftSharingArchitecture.FromJson,
    };

    private static readonly object Gate = new();

    /// <summary>Registers the reader of an architecture type, replacing any earlier one.</summary>
    /// <param name="type">The type, as the architecture's <see cref="ArchitectureSpec.Type"/>.</param>
    /// <param name="reader">Recreates the description from the JSON its <see cref="ArchitectureSpec.ToJson"/> wrote.</param>
    public static void Register(string type, Func<JsonObject, ArchitectureSpec> reader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(reader);
        lock (Gate)
        {
            Readers[type] = reader;
        }
    }

    /// <summary>Whether a reader for <paramref name="type"/> is registered.</summary>
    /// <param name="type">The architecture type.</param>
    public static bool IsKnown(string type)
    {
        lock (Gate)
        {
            return Readers.ContainsKey(type);
        }
    }

    /// <summary>The description's JSON with its type, as the model file stores it.</summary>
    internal static JsonObject ToJson(ArchitectureSpec architecture)
    {
        var json = new JsonObject { ["type"] = architecture.Type };
        foreach (var (key, value) in architecture.ToJson())
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>Recreates a description from the model file's JSON.</summary>
    /// <exception cref="FormatException">The JSON has no type, or no reader is registered for it.</exception>
    internal static ArchitectureSpec FromJson(JsonObject json)
    {
        string type = json["type"] is JsonValue value && value.TryGetValue<string>(out var t) ? t : throw new FormatException("The model description's 'architecture' lacks a string 'type'.");
        Func<JsonObject, ArchitectureSpec>? reader;
        lock (Gate)
        {
            reader = Readers.GetValueOrDefault(type);
        }

        return reader is null
            ? throw new FormatException($"Unknown architecture type '{type}'; register its reader with {nameof(ArchitectureRegistry)}.{nameof(Register)} before loading.")
            : reader(json);
    }
}

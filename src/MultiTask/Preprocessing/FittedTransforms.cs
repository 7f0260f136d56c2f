using System.Text.Json.Nodes;

namespace MultiTask.Preprocessing;

/// <summary>
/// Reads fitted steps back from JSON by their <see cref="IFittedTransform.Kind"/>. Built-in steps register
/// themselves here; custom steps call <see cref="Register"/> before loading a model that uses them.
/// </summary>
public static class FittedTransforms
{
    private static readonly Dictionary<string, Func<JsonObject, IFittedTransform>> Readers = new(PreprocessingReaders.All, StringComparer.Ordinal);

    private static readonly object Gate = new();

    /// <summary>Registers the reader of a step kind (replacing any earlier one).</summary>
    /// <param name="kind">The kind, as the step's <see cref="IFittedTransform.Kind"/>.</param>
    /// <param name="reader">Recreates the step from its JSON.</param>
    public static void Register(string kind, Func<JsonObject, IFittedTransform> reader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(reader);
        lock (Gate)
        {
            Readers[kind] = reader;
        }
    }

    /// <summary>Recreates a fitted step from its JSON.</summary>
    /// <param name="json">JSON written by <see cref="IFittedTransform.ToJson"/>.</param>
    /// <exception cref="FormatException">The kind is unknown or the JSON is invalid.</exception>
    public static IFittedTransform FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string kind = json["kind"]?.GetValue<string>() ?? throw new FormatException("A fitted step's JSON lacks 'kind'.");
        Func<JsonObject, IFittedTransform>? reader;
        lock (Gate)
        {
            Readers.TryGetValue(kind, out reader);
        }

        return (reader ?? throw new FormatException($"Unknown preprocessing step kind '{kind}'; register its reader with FittedTransforms.Register.")).Invoke(json);
    }
}

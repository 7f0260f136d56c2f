using System.Text.Json.Nodes;
using MultiTask.Inputs;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Reads fitted steps back from JSON by their kind. Built-in steps are known without registration (through
/// <see cref="TabularTransformProvider"/>); custom steps call <see cref="Register"/> before loading a model that uses them.
/// </summary>
public static class FittedTransforms
{
    /// <summary>Registers the reader of a step kind (replacing any earlier one).</summary>
    /// <param name="kind">The kind, as the step's <see cref="IFittedInputTransform.Kind"/>.</param>
    /// <param name="reader">Recreates the step from its JSON.</param>
    public static void Register(string kind, Func<JsonObject, IFittedTransform> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        InputTransforms.Register(kind, reader);
    }

    /// <summary>Recreates a fitted step from its JSON.</summary>
    /// <param name="json">JSON written by <see cref="IFittedInputTransform.ToJson"/>.</param>
    /// <exception cref="FormatException">The kind is unknown, is not a table step, or the JSON is invalid.</exception>
    public static IFittedTransform FromJson(JsonObject json)
    {
        var transform = InputTransforms.FromJson(json, typeof(FittedTransforms).Assembly.GetName().Name);
        return transform as IFittedTransform
            ?? throw new FormatException($"The input transform of kind '{transform.Kind}' does not transform tables ({transform.GetType().Name} is not an {nameof(IFittedTransform)}).");
    }
}

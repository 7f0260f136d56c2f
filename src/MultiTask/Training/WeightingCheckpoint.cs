using System.Text.Json.Nodes;
using MultiTask.Serialization;
using MultiTask.Weighting;

namespace MultiTask.Training;

/// <summary>
/// The weighting part of a training checkpoint: the method's name, kind (its type) and hyperparameters, and its run
/// state. Resuming under another method, or under the same method with other hyperparameters, is refused.
/// </summary>
internal static class WeightingCheckpoint
{
    /// <summary>Writes the method and its state into the checkpoint object.</summary>
    internal static void Write(JsonObject checkpoint, WeightingMethod method, WeightingState state)
    {
        checkpoint["weighting"] = method.Name;
        checkpoint["weightingKind"] = Kind(method);
        checkpoint["weightingHyperparameters"] = method.Hyperparameters();
        checkpoint["weightingState"] = state.ToJson();
    }

    /// <summary>
    /// Refuses a checkpoint made with another method or other hyperparameters. A checkpoint without kind or
    /// hyperparameters (written by an older version) is checked by name only.
    /// </summary>
    /// <exception cref="ModelFileException">The method or a hyperparameter differs; the message names both values.</exception>
    internal static void CheckSameMethod(JsonObject checkpoint, WeightingMethod method, string path)
    {
        string name = checkpoint["weighting"]?.GetValue<string>() ?? string.Empty;
        string? kind = checkpoint["weightingKind"]?.GetValue<string>();
        if (name != method.Name || (kind is not null && kind != Kind(method)))
        {
            throw new ModelFileException($"Checkpoint '{path}' was made with weighting method '{name}' ({kind ?? "kind not recorded"}), but this trainer uses '{method.Name}' ({Kind(method)}).");
        }

        if (checkpoint["weightingHyperparameters"] is not JsonObject saved)
        {
            return;
        }

        var current = method.Hyperparameters();
        foreach (var key in saved.Select(p => p.Key).Union(current.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            string before = Text(saved[key]), now = Text(current[key]);
            if (before != now)
            {
                throw new ModelFileException(
                    $"Checkpoint '{path}' was made with {method.Name} {key} = {before}, but this trainer's {method.Name} has {key} = {now}; " +
                    "resume with the hyperparameters the run started with.");
            }
        }
    }

    /// <summary>Restores the method's state, when the checkpoint has one.</summary>
    internal static void Load(JsonObject checkpoint, WeightingState state)
    {
        if (checkpoint["weightingState"] is JsonObject saved)
        {
            state.Load(saved);
        }
    }

    private static string Kind(WeightingMethod method) => method.GetType().FullName ?? method.GetType().Name;

    private static string Text(JsonNode? node) => node is null ? "(not set)" : JsonNode.Parse(node.ToJsonString())!.ToJsonString();
}

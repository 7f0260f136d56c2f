using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// JSON helpers for the state of gradient methods that keep tensors across steps: a float32 tensor is saved as its
/// shape and its values (float32 → double → float32 round-trips exactly), and loaded as a tensor owned by the method.
/// </summary>
internal static class MethodState
{
    /// <summary>A tensor as <c>{ "shape": [...], "values": [...] }</c>.</summary>
    internal static JsonObject FromTensor(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        var values = tensor.detach().to(ScalarType.Float64).cpu().flatten().data<double>().ToArray();
        return new JsonObject
        {
            ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode)d).ToArray()),
            ["values"] = FromDoubles(values),
        };
    }

    /// <summary>
    /// The float32 [T, P] tensor saved under <paramref name="key"/>, on <paramref name="device"/>, detached from any
    /// dispose scope (the caller owns it); null when the key is absent or null.
    /// </summary>
    internal static Tensor? ToTensor(JsonObject state, string key, int taskCount, Device device, string method)
    {
        if (state[key] is not JsonObject node)
        {
            return null;
        }

        var shape = (node["shape"] as JsonArray ?? throw new FormatException($"{method} state '{key}' lacks 'shape'.")).Select(d => d!.GetValue<long>()).ToArray();
        var values = (node["values"] as JsonArray ?? throw new FormatException($"{method} state '{key}' lacks 'values'.")).Select(v => (float)v!.GetValue<double>()).ToArray();
        if (shape.Length != 2 || shape[0] != taskCount || shape[1] < 0 || values.LongLength != shape[0] * shape[1])
        {
            throw new FormatException($"{method} state '{key}' has {values.Length} values of shape [{string.Join(", ", shape)}]; expected [{taskCount}, P] for {taskCount} tasks.");
        }

        using var scope = torch.NewDisposeScope();
        return torch.tensor(values, device: device).reshape(shape).DetachFromDisposeScope();
    }

    /// <summary>Numbers as a JSON array.</summary>
    internal static JsonArray FromDoubles(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());

    /// <summary>The numbers saved under <paramref name="key"/>, checked to have <paramref name="length"/> entries.</summary>
    internal static double[] ToDoubles(JsonObject state, string key, int length, string method)
    {
        var values = (state[key] as JsonArray ?? throw new FormatException($"{method} state lacks '{key}'.")).Select(v => v!.GetValue<double>()).ToArray();
        if (values.Length != length)
        {
            throw new FormatException($"{method} state '{key}' has {values.Length} values; the trainer has {length} tasks.");
        }

        return values;
    }

    /// <summary>The counter saved under <paramref name="key"/>.</summary>
    internal static long ToCount(JsonObject state, string key, string method)
        => state[key]?.GetValue<long>() ?? throw new FormatException($"{method} state lacks '{key}'.");

    /// <summary>Checks that a [T, P] state tensor has the shape of this step's [T, P] gradients.</summary>
    internal static void CheckWidth(Tensor state, Tensor gradients, string method)
    {
        if (state.shape[0] != gradients.shape[0] || state.shape[1] != gradients.shape[1])
        {
            throw new InvalidOperationException(
                $"{method} keeps per-task gradient state of shape [{state.shape[0]}, {state.shape[1]}], but this step's gradients have shape " +
                $"[{gradients.shape[0]}, {gradients.shape[1]}]; the state belongs to another model or gradient source.");
        }
    }
}

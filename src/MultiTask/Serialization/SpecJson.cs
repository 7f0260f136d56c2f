using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;

namespace MultiTask.Serialization;

/// <summary>
/// Writes and reads the architecture description stored in a model file. Reading goes through the public factories,
/// so a file can never describe a model that the API would refuse to build.
/// </summary>
internal static class SpecJson
{
    private static readonly HashSet<string> StandardMetricNames = [.. StandardMetrics.All.Select(m => m.Name)];

    internal static JsonObject WriteTask(TaskSpec task)
    {
        var json = new JsonObject
        {
            ["name"] = task.Name,
            ["kind"] = task.Kind.ToString(),
            ["classCount"] = task.ClassCount,
            ["loss"] = task.Loss.ToString(),
            ["classWeights"] = task.ClassWeights is null ? null : new JsonArray(task.ClassWeights.Select(w => (JsonNode)w).ToArray()),
            ["focalGamma"] = task.FocalGamma,
        };
        WriteEvaluation(task, json);
        return json;
    }

    // Written only when they differ from the defaults, so files of tasks without them stay as before.
    private static void WriteEvaluation(TaskSpec task, JsonObject json)
    {
        if (task.DecisionThreshold != 0.5)
        {
            json["decisionThreshold"] = task.DecisionThreshold;
        }

        var standard = task.Metrics.Where(StandardMetricNames.Contains).ToArray();
        if (standard.Length > 0 && !standard.SequenceEqual(StandardMetrics.DefaultsFor(task.Kind).Select(m => m.Name)))
        {
            json["metrics"] = new JsonArray(standard.Select(m => (JsonNode)m).ToArray());
        }
    }

    internal static TaskSpec ReadTask(JsonObject json)
    {
        string name = Get<string>(json, "name");
        var loss = Enum<LossFunction>(json, "loss");
        var task = Enum<TaskKind>(json, "kind") switch
        {
            TaskKind.Regression => TaskSpec.Regression(name, loss),
            TaskKind.Binary => TaskSpec.Binary(name),
            _ => TaskSpec.Multiclass(name, Get<int>(json, "classCount")),
        };
        if (json["classWeights"] is JsonArray weights)
        {
            task = task.WithClassWeights(weights.Select(w => w!.GetValue<double>()).ToArray());
        }

        if (json["decisionThreshold"]?.GetValue<double>() is double threshold && threshold != task.DecisionThreshold)
        {
            task = task.WithDecisionThreshold(threshold);
        }

        if (json["metrics"] is JsonArray metrics && metrics.Count > 0)
        {
            task = task.WithMetrics(metrics.Select(m => StandardMetrics.Get(m!.GetValue<string>())).ToArray());
        }

        return loss == LossFunction.Focal ? task.WithFocalLoss(json["focalGamma"]?.GetValue<double>() ?? 2.0) : task;
    }

    internal static JsonObject WriteTrunk(TrunkSpec trunk) => trunk switch
    {
        MlpTrunkSpec mlp => new JsonObject
        {
            ["type"] = "mlp",
            ["inputSize"] = mlp.InputSize,
            ["hiddenSizes"] = new JsonArray(mlp.HiddenSizes.Select(h => (JsonNode)h).ToArray()),
            ["activation"] = mlp.Activation.ToString(),
            ["dropout"] = mlp.Dropout,
            ["normalization"] = mlp.Normalization.ToString(),
        },
        TextTrunkSpec text => new JsonObject
        {
            ["type"] = "text",
            ["vocabularySize"] = text.VocabularySize,
            ["embeddingSize"] = text.EmbeddingSize,
            ["hiddenSize"] = text.HiddenSize,
            ["cell"] = text.Cell.ToString(),
            ["layers"] = text.Layers,
            ["bidirectional"] = text.Bidirectional,
            ["dropout"] = text.Dropout,
            ["paddingId"] = text.PaddingId,
        },
        CustomTrunkSpec custom => new JsonObject
        {
            ["type"] = "custom",
            ["name"] = custom.Name,
            ["inputKind"] = custom.InputKind.ToString(),
            ["inputWidth"] = custom.InputWidth,
            ["outputSize"] = custom.OutputSize,
        },
        _ => throw new NotSupportedException($"Trunk type {trunk.GetType().Name} cannot be saved."),
    };

    internal static TrunkSpec ReadTrunk(JsonObject json) => Get<string>(json, "type") switch
    {
        "mlp" => Trunks.Mlp(
            Get<int>(json, "inputSize"),
            IntArray(json, "hiddenSizes"),
            Enum<Activation>(json, "activation"),
            Get<double>(json, "dropout"),
            Enum<Normalization>(json, "normalization")),
        "text" => Trunks.Text(
            Get<int>(json, "vocabularySize"),
            Get<int>(json, "embeddingSize"),
            Get<int>(json, "hiddenSize"),
            Enum<RecurrentCell>(json, "cell"),
            Get<int>(json, "layers"),
            Get<bool>(json, "bidirectional"),
            Get<double>(json, "dropout"),
            Get<int>(json, "paddingId")),
        "custom" => new CustomTrunkSpec(
            Get<string>(json, "name"),
            Enum<InputKind>(json, "inputKind"),
            json["inputWidth"]?.GetValue<int>(),
            Get<int>(json, "outputSize")),
        var other => throw new FormatException($"Unknown trunk type '{other}'."),
    };

    internal static JsonObject WriteHead(HeadSpec head) => head switch
    {
        MlpHeadSpec mlp => new JsonObject
        {
            ["type"] = "mlp",
            ["hiddenSizes"] = new JsonArray(mlp.HiddenSizes.Select(h => (JsonNode)h).ToArray()),
            ["activation"] = mlp.Activation.ToString(),
            ["dropout"] = mlp.Dropout,
        },
        CustomHeadSpec custom => new JsonObject { ["type"] = "custom", ["name"] = custom.Name },
        _ => throw new NotSupportedException($"Head type {head.GetType().Name} cannot be saved."),
    };

    internal static HeadSpec ReadHead(JsonObject json) => Get<string>(json, "type") switch
    {
        "mlp" => Heads.Mlp(IntArray(json, "hiddenSizes"), Enum<Activation>(json, "activation"), Get<double>(json, "dropout")),
        "custom" => new CustomHeadSpec(Get<string>(json, "name")),
        var other => throw new FormatException($"Unknown head type '{other}'."),
    };

    internal static T Get<T>(JsonObject json, string key)
        => (json[key] ?? throw new FormatException($"The model description lacks '{key}'.")).GetValue<T>();

    internal static JsonObject Object(JsonNode? node, string key)
        => node as JsonObject ?? throw new FormatException($"The model description's '{key}' is not an object.");

    private static TEnum Enum<TEnum>(JsonObject json, string key)
        where TEnum : struct, Enum
        => System.Enum.TryParse<TEnum>(Get<string>(json, key), out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new FormatException($"The model description's '{key}' is not a valid {typeof(TEnum).Name}.");

    private static int[] IntArray(JsonObject json, string key)
        => (json[key] as JsonArray ?? throw new FormatException($"The model description's '{key}' is not an array."))
            .Select(n => n!.GetValue<int>()).ToArray();
}

using System.Globalization;
using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;

namespace MultiTask.Serialization;

/// <summary>
/// The validation layer of a model file's description, run before anything is read from it, built or allocated:
/// the exact fields of the description, its tasks, trunk, heads and checkpoint, each of its JSON type, every size and
/// count within <see cref="SizeLimits"/>, and the number of weight blobs. Every failure is a <see cref="FormatException"/>
/// naming the field (ModelFile turns it into a <see cref="ModelFileException"/> naming the file).
/// </summary>
/// <remarks>
/// Trunk and head types other than "mlp", "text" and "custom" are left to the reader that knows them. Keys added to
/// the description or the checkpoint must be declared here.
/// </remarks>
internal static class DescriptionSchema
{
    /// <summary>The most tasks a model file may declare.</summary>
    internal const int MaxTasks = 4096;

    /// <summary>The most epochs a checkpoint may record.</summary>
    internal const int MaxEpochs = 100_000_000;

    /// <summary>Checks a description and its blob count (1 for a model, 2 for a checkpoint: weights and optimiser state).</summary>
    internal static void Check(JsonObject description, int blobCount)
    {
        var root = StrictJson.Of(description, string.Empty);
        string library = root.String("library");
        if (library != "MultiTask")
        {
            throw new FormatException($"'library' is '{library}'; a MultiTask model file says 'MultiTask'.");
        }

        var tasks = root.Array("tasks", MaxTasks);
        if (tasks.Count == 0)
        {
            throw new FormatException("'tasks' is empty; a model has at least one task.");
        }

        var outputSizes = new int[tasks.Count];
        for (int t = 0; t < tasks.Count; t++)
        {
            outputSizes[t] = Task(StrictJson.Of(tasks[t], $"tasks[{t}]"));
        }

        if (root.Has("architecture"))
        {
            Architecture(root.Object("architecture"));
        }
        else
        {
            _ = Trunk(root.Object("trunk"));
            var heads = root.Array("heads", MaxTasks);
            if (heads.Count != tasks.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'heads' has {heads.Count} items but 'tasks' has {tasks.Count}; each task has one head."));
            }

            for (int h = 0; h < heads.Count; h++)
            {
                Head(StrictJson.Of(heads[h], $"heads[{h}]"));
            }
        }

        if (root.Has("preprocessing"))
        {
            _ = root.Object("preprocessing"); // its fields are checked by the package that reads it
        }

        _ = root.OptionalString("preprocessingPackage");
        bool checkpoint = root.Has("checkpoint");
        bool bestWeights = checkpoint && Checkpoint(root.Object("checkpoint"), tasks.Count);
        root.NoOthers();
        int expected = checkpoint ? (bestWeights ? 3 : 2) : 1;
        if (checkpoint && blobCount != expected && blobCount is 2 or 3)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'checkpoint.control.hasBestWeights' is {(bestWeights ? "true" : "false")} but the file holds {blobCount} data blobs ({(blobCount == 3 ? "a" : "no")} best-weights blob)."));
        }

        if (blobCount != expected)
        {
            string holds = !checkpoint ? "model file holds 1 (the weights)"
                : bestWeights ? "checkpoint with best weights holds 3 (weights, optimiser state, best weights)"
                : "checkpoint holds 2 (weights and optimiser state)";
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the file holds {blobCount} data blobs; a {holds}."));
        }
    }

    private static int Task(StrictJson task)
    {
        _ = task.String("name");
        string kind = Enum<TaskKind>(task, "kind");
        long classes = task.Integer("classCount", 0, SizeLimits.MaxWidth);
        _ = Enum<LossFunction>(task, "loss");
        var weights = task.NullableNumbers("classWeights", SizeLimits.MaxWidth, 0, double.MaxValue);
        _ = task.Number("focalGamma", 0, 1e6);
        if (task.Has("decisionThreshold"))
        {
            _ = task.Number("decisionThreshold", 0, 1);
        }

        if (task.Has("metrics"))
        {
            var metrics = task.Array("metrics", 1024);
            for (int i = 0; i < metrics.Count; i++)
            {
                if (metrics[i] is not JsonValue value || !value.TryGetValue(out string? _))
                {
                    throw new FormatException($"'{task.Field("metrics")}[{i}]' must be a metric name (a string).");
                }
            }
        }

        task.NoOthers();
        if (weights is not null && weights.Length != classes)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{task.Field("classWeights")}' has {weights.Length} items but '{task.Field("classCount")}' is {classes}."));
        }

        return kind == nameof(TaskKind.Multiclass) ? (int)classes : 1;
    }

    /// <summary>Checks a trunk description; returns its type.</summary>
    private static string Trunk(StrictJson trunk)
    {
        string type = trunk.String("type");
        switch (type)
        {
            case "mlp":
                _ = trunk.Integer("inputSize", 1, SizeLimits.MaxWidth);
                _ = trunk.Integers("hiddenSizes", SizeLimits.MaxMlpLayers, 1, SizeLimits.MaxWidth);
                _ = Enum<Activation>(trunk, "activation");
                _ = trunk.Number("dropout", 0, 1);
                _ = Enum<Normalization>(trunk, "normalization");
                break;
            case "text":
                long vocabulary = trunk.Integer("vocabularySize", 2, SizeLimits.MaxWidth);
                _ = trunk.Integer("embeddingSize", 1, SizeLimits.MaxWidth);
                _ = trunk.Integer("hiddenSize", 1, SizeLimits.MaxWidth);
                _ = Enum<RecurrentCell>(trunk, "cell");
                _ = trunk.Integer("layers", 1, SizeLimits.MaxRecurrentLayers);
                _ = trunk.Boolean("bidirectional");
                _ = trunk.Number("dropout", 0, 1);
                _ = trunk.Integer("paddingId", 0, vocabulary - 1);
                break;
            case "custom":
                _ = trunk.String("name");
                _ = Enum<InputKind>(trunk, "inputKind");
                _ = trunk.NullableInteger("inputWidth", 1, SizeLimits.MaxWidth);
                _ = trunk.Integer("outputSize", 1, SizeLimits.MaxWidth);
                break;
            case var other:
                throw new FormatException($"'{trunk.Field("type")}' is '{other}'; the known trunk types are 'mlp', 'text' and 'custom'.");
        }

        trunk.NoOthers();
        return type;
    }

    /// <summary>Checks the settings of a built-in architecture other than hard sharing; other types are left to their registered reader.</summary>
    private static void Architecture(StrictJson architecture)
    {
        switch (architecture.String("type"))
        {
            case "mmoe": // MmoeArchitecture
                GateEmbedding(architecture, Trunk(architecture.Object("expert")));
                _ = architecture.Integer("expertCount", 1, SizeLimits.MaxExperts);
                Head(architecture.Object("tower"));
                break;
            case "cgc": // CgcArchitecture
                GateEmbedding(architecture, Trunk(architecture.Object("expert")));
                ExpertCounts(architecture);
                break;
            case "ple": // PleArchitecture
                var levels = architecture.Array("experts", SizeLimits.MaxLevels);
                if (levels.Count == 0)
                {
                    throw new FormatException($"'{architecture.Field("experts")}' is empty; a PLE architecture has at least one extraction level.");
                }

                for (int l = 0; l < levels.Count; l++)
                {
                    string level = Trunk(StrictJson.Of(levels[l], $"{architecture.Field("experts")}[{l}]"));
                    if (l == 0)
                    {
                        GateEmbedding(architecture, level);
                    }
                }

                ExpertCounts(architecture);
                break;
            case "dselect-k": // DSelectKArchitecture
                GateEmbedding(architecture, Trunk(architecture.Object("expert")));
                long experts = architecture.Integer("expertCount", 2, SizeLimits.MaxExperts);
                _ = architecture.Integer("selectorCount", 1, experts);
                Positive(architecture, "gamma");
                if (architecture.Has("gateBias"))
                {
                    _ = architecture.Boolean("gateBias");
                }

                if (architecture.Has("entropyRegularization"))
                {
                    _ = architecture.Number("entropyRegularization", 0, double.MaxValue);
                }

                Head(architecture.Object("tower"));
                break;
            case "cross-stitch": // CrossStitchArchitecture
                var tower = architecture.Object("tower");
                if (Trunk(tower) != "mlp")
                {
                    throw new FormatException($"'{tower.Field("type")}' must be 'mlp'; a cross-stitch tower is an MLP.");
                }

                Head(architecture.Object("head"));
                _ = architecture.Number("selfWeight", 0, 1);
                break;
            case "soft-sharing": // SoftSharingArchitecture
                _ = Trunk(architecture.Object("tower"));
                Head(architecture.Object("head"));
                _ = architecture.Number("strength", 0, double.MaxValue);
                break;
            default:
                return; // a registered architecture: its reader checks it
        }

        architecture.NoOthers();
    }

    /// <summary>
    /// The width of the bag of token embeddings the gates read (MMoE, CGC, PLE, DSelect-k): written only when the
    /// expert that reads the model input is a text encoder, and refused otherwise (files of feature experts have none).
    /// </summary>
    private static void GateEmbedding(StrictJson architecture, string expertType)
    {
        if (expertType == "text")
        {
            _ = architecture.Integer("gateEmbeddingSize", 1, SizeLimits.MaxWidth);
        }
        else if (architecture.Has("gateEmbeddingSize"))
        {
            throw new FormatException($"'{architecture.Field("gateEmbeddingSize")}' is set but the experts take features; only text experts have a gate embedding.");
        }
    }

    /// <summary>The shared and per-task expert counts and the tower of CGC and PLE.</summary>
    private static void ExpertCounts(StrictJson architecture)
    {
        _ = architecture.Integer("sharedExpertCount", 1, SizeLimits.MaxExperts);
        _ = architecture.Integer("taskExpertCount", 1, SizeLimits.MaxExperts);
        Head(architecture.Object("tower"));
    }

    /// <summary>A string field naming a defined value of <typeparamref name="TEnum"/>; returns the name.</summary>
    private static string Enum<TEnum>(StrictJson json, string key)
        where TEnum : struct, Enum
    {
        string name = json.String(key);
        if (!System.Enum.TryParse<TEnum>(name, out var value) || !System.Enum.IsDefined(value) || !char.IsLetter(name, 0))
        {
            throw new FormatException($"'{json.Field(key)}' is not a valid {typeof(TEnum).Name}: '{name}'; the valid values are {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => $"'{n}'"))}.");
        }

        return name;
    }

    /// <summary>A finite number field that must be above 0.</summary>
    private static void Positive(StrictJson json, string key)
    {
        if (json.Number(key, 0, double.MaxValue) == 0)
        {
            throw new FormatException($"'{json.Field(key)}' is 0; it must be above 0.");
        }
    }

    private static void Head(StrictJson head)
    {
        switch (head.String("type"))
        {
            case "mlp":
                _ = head.Integers("hiddenSizes", SizeLimits.MaxMlpLayers, 1, SizeLimits.MaxWidth);
                _ = Enum<Activation>(head, "activation");
                _ = head.Number("dropout", 0, 1);
                break;
            case "custom":
                _ = head.String("name");
                break;
            case var other:
                throw new FormatException($"'{head.Field("type")}' is '{other}'; the known head types are 'mlp' and 'custom'.");
        }

        head.NoOthers();
    }

    /// <summary>Checks a checkpoint's fields; returns whether it says it holds a best-weights blob.</summary>
    private static bool Checkpoint(StrictJson checkpoint, int taskCount)
    {
        long epochs = checkpoint.Integer("epochsCompleted", 0, MaxEpochs);
        _ = checkpoint.Integer("steps", 0, 1L << 53);
        var history = checkpoint.Array("lossHistory", MaxEpochs);
        if (history.Count > epochs)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{checkpoint.Field("lossHistory")}' has {history.Count} epochs but '{checkpoint.Field("epochsCompleted")}' is {epochs}."));
        }

        for (int e = 0; e < history.Count; e++)
        {
            string at = $"{checkpoint.Field("lossHistory")}[{e}]";
            if (history[e] is not JsonArray losses || losses.Count != taskCount)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{at}' must be an array of {taskCount} losses (one per task)."));
            }

            for (int t = 0; t < losses.Count; t++)
            {
                if (losses[t] is not JsonValue value || !value.TryGetValue(out double _))
                {
                    throw new FormatException($"'{at}[{t}]' must be a number.");
                }
            }
        }

        _ = checkpoint.String("weighting");
        _ = checkpoint.OptionalString("weightingKind");
        if (checkpoint.Has("weightingHyperparameters"))
        {
            _ = checkpoint.Object("weightingHyperparameters");
        }

        if (checkpoint.Has("weightingState"))
        {
            _ = checkpoint.Object("weightingState");
        }

        bool bestWeights = checkpoint.Has("control") && Control(checkpoint.Object("control"));
        checkpoint.NoOthers();
        return bestWeights;
    }

    /// <summary>Checks the early-stopping, schedule and recovery state; returns whether the best weights are stored.</summary>
    private static bool Control(StrictJson control)
    {
        if (control.Has("bestValue"))
        {
            _ = control.Number("bestValue", double.MinValue, double.MaxValue);
        }

        _ = control.NullableInteger("bestEpoch", 1, MaxEpochs);
        _ = control.Integer("sinceBest", 0, MaxEpochs);
        bool bestWeights = control.Boolean("hasBestWeights");
        if (control.Has("plateauRate"))
        {
            _ = control.Number("plateauRate", 0, double.MaxValue);
        }

        if (control.Has("plateauBest"))
        {
            _ = control.Number("plateauBest", double.MinValue, double.MaxValue);
        }

        _ = control.Integer("plateauBadEpochs", 0, MaxEpochs);
        _ = control.Integer("plateauCooldown", 0, MaxEpochs);
        if (control.Number("recoveryScale", 0, 1) == 0)
        {
            throw new FormatException($"'{control.Field("recoveryScale")}' is 0; it must be in (0, 1].");
        }

        _ = control.Integer("recoveries", 0, MaxEpochs);
        control.NoOthers();
        return bestWeights;
    }
}

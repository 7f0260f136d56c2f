using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>Checks and pieces shared by the architectures with gated experts.</summary>
internal static class ExpertChecks
{
    /// <summary>The default width of the token gate input (the bag of embeddings the gates read on token input).</summary>
    internal const int DefaultGateEmbeddingSize = 16;

    /// <summary>
    /// An expert that reads the model input: it takes features, or it is a text encoder (<see cref="Trunks.Text"/>),
    /// whose gates read a <see cref="TokenGateInput"/>. A custom trunk over tokens is refused: the gate input needs the
    /// vocabulary and padding id of a text trunk.
    /// </summary>
    internal static TrunkSpec InputExpert(TrunkSpec? value, string owner, string property)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        return (value.InputKind == InputKind.Features && value.InputWidth is int) || value is TextTrunkSpec
            ? value
            : throw new ArgumentException($"{owner}.{property} must take features or be a text encoder from Trunks.Text (its gates read the input features, or a bag of token embeddings); got {value}, which takes {value.InputKind}.", property);
    }

    /// <summary>An expert that reads the previous level's expert outputs: it must take features.</summary>
    internal static TrunkSpec FeatureExpert(TrunkSpec? value, string owner, string property, string reads)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        return value.InputKind == InputKind.Features && value.InputWidth is int
            ? value
            : throw new ArgumentException($"{owner}.{property} must take features ({reads}); got {value}, which takes {value.InputKind}.", property);
    }

    /// <summary>The head of every task built on a tower input of the given width.</summary>
    internal static HeadSpec Tower(HeadSpec? value, string property) => value ?? throw new ArgumentNullException(property);

    /// <summary>The width of what the gates read: the features, or the token gate input of <paramref name="gateEmbeddingSize"/>.</summary>
    internal static int GateWidth(TrunkSpec expert, int gateEmbeddingSize) => expert.InputWidth ?? gateEmbeddingSize;

    /// <summary>The token gate input for a text expert, or null for a feature expert (whose gates read the features).</summary>
    internal static Module<Tensor, Tensor>? GateInput(TrunkSpec expert, int gateEmbeddingSize)
        => expert is TextTrunkSpec text ? new TokenGateInput(text.VocabularySize, gateEmbeddingSize, text.PaddingId) : null;

    /// <summary>The weights of the token gate input (0 for a feature expert), checked against the size limit.</summary>
    internal static long GateInputWeights(TrunkSpec expert, int gateEmbeddingSize)
        => expert is TextTrunkSpec text ? SizeLimits.Layer(text.VocabularySize, gateEmbeddingSize, "gate input embedding (vocabularySize × gateEmbeddingSize)") : 0;

    /// <summary>Where the model input goes, for messages: e.g. <c>MmoeArchitecture.Expert (Text(…)), which takes Tokens input</c>.</summary>
    internal static string Describe(string owner, string property, TrunkSpec expert) => $"{owner}.{property} ({expert})";

    /// <summary>Adds <c>gateEmbeddingSize</c> to an architecture's JSON when its input expert is a text encoder; feature architectures are written as before.</summary>
    internal static JsonObject WithGateEmbedding(this JsonObject json, TrunkSpec expert, int gateEmbeddingSize)
    {
        if (expert is TextTrunkSpec)
        {
            json["gateEmbeddingSize"] = gateEmbeddingSize;
        }

        return json;
    }

    /// <summary>The <c>gateEmbeddingSize</c> of an architecture's JSON, or the default when absent (files of feature architectures).</summary>
    internal static int ReadGateEmbeddingSize(JsonObject json)
        => json.ContainsKey("gateEmbeddingSize") ? SpecJson.Get<int>(json, "gateEmbeddingSize") : DefaultGateEmbeddingSize;

    /// <summary>The gate-input part of an architecture's description: empty for features, e.g. <c>, gates on a bag of embeddings of width 16</c> for text.</summary>
    internal static string GateText(TrunkSpec expert, int gateEmbeddingSize)
        => expert is TextTrunkSpec ? $", gates on a bag of embeddings of width {ModelSummary.Number(gateEmbeddingSize)}" : string.Empty;
}

using System.Globalization;

namespace MultiTask.Models;

/// <summary>
/// Upper bounds on the sizes of a model and its inputs, checked before any native call, so that an absurd size (a
/// 2e9-wide layer, a sequence length of 1.5e9, a text trunk of 10,000 layers) is a clear error naming the parameter
/// instead of an overflow, a native allocation failure or minutes of work. Model files are checked against the same
/// bounds, and against the size of their weight data, before anything is built.
/// </summary>
internal static class SizeLimits
{
    /// <summary>The largest width of any layer, embedding, vocabulary, input or class count: 2²⁴ = 16,777,216.</summary>
    internal const int MaxWidth = 1 << 24;

    /// <summary>The most hidden layers of an MLP trunk or head.</summary>
    internal const int MaxMlpLayers = 1024;

    /// <summary>The most recurrent layers of a text trunk.</summary>
    internal const int MaxRecurrentLayers = 64;

    /// <summary>The most values of one weight matrix: 2³¹ (8 GiB of float32).</summary>
    internal const long MaxLayerValues = 1L << 31;

    /// <summary>The longest token sequence: 2²⁴ tokens.</summary>
    internal const int MaxSequenceLength = 1 << 24;

    /// <summary>The most token cells of one input tensor (rows × length): 2³¹ (16 GiB of int64).</summary>
    internal const long MaxTokenCells = 1L << 31;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> when <paramref name="value"/> exceeds <paramref name="limit"/>.</summary>
    internal static void Check(long value, long limit, string name, string what)
    {
        if (value > limit)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{what} is {value:N0}, above the limit of {limit:N0}."));
        }
    }

    /// <summary>The most experts of one kind (per level, per task or shared) an architecture may have.</summary>
    internal const int MaxExperts = 4096;

    /// <summary>The most extraction levels of a PLE architecture.</summary>
    internal const int MaxLevels = 64;

    /// <summary>
    /// The number of weight values of the model's trunk and heads (a lower bound of the parameters: biases and
    /// normalisation are left out), after checking every weight matrix against <see cref="MaxLayerValues"/>; null
    /// when a custom trunk or head makes it unknown.
    /// </summary>
    internal static long? CheckWeights(TrunkSpec trunk, IReadOnlyList<HeadSpec> heads, IReadOnlyList<TaskSpec> tasks)
    {
        long? total = TrunkWeights(trunk, "trunk");
        for (int t = 0; t < heads.Count && total is not null; t++)
        {
            total = checked(total + HeadWeights(heads[t], trunk.OutputSize, tasks[t], $"head of task '{tasks[t].Name}'"));
        }

        return total;
    }

    /// <summary>The weight values of one trunk (checked per matrix), or null for a custom trunk.</summary>
    internal static long? TrunkWeights(TrunkSpec trunk, string where)
    {
        switch (trunk)
        {
            case MlpTrunkSpec mlp:
                return MlpWeights(mlp.InputSize, mlp.HiddenSizes, null, where);
            case TextTrunkSpec text:
                long total = Layer(text.VocabularySize, text.EmbeddingSize, $"{where} embedding (vocabularySize × embeddingSize)");
                int gates = text.Cell == RecurrentCell.Lstm ? 4 : 3;
                int directions = text.Bidirectional ? 2 : 1;
                for (int layer = 0; layer < text.Layers; layer++)
                {
                    int input = layer == 0 ? text.EmbeddingSize : directions * text.HiddenSize;
                    total += directions * (Layer((long)gates * text.HiddenSize, input, $"{where} recurrent layer {layer}") + Layer((long)gates * text.HiddenSize, text.HiddenSize, $"{where} recurrent layer {layer}"));
                }

                return total;
            default:
                return null;
        }
    }

    /// <summary>The weight values of one task's head on an input of <paramref name="input"/> features, or null for a custom head.</summary>
    internal static long? HeadWeights(HeadSpec head, int input, TaskSpec task, string where)
        => head is MlpHeadSpec mlp ? MlpWeights(input, mlp.HiddenSizes, task.OutputSize, where) : null;

    /// <summary>The weight values of every task's copy of <paramref name="head"/> (a tower), or null for a custom head.</summary>
    internal static long? TowerWeights(HeadSpec head, int input, IReadOnlyList<TaskSpec> tasks, string where)
    {
        long? total = 0;
        foreach (var task in tasks)
        {
            total = checked(total + HeadWeights(head, input, task, $"{where} of task '{task.Name}'"));
        }

        return total;
    }

    private static long MlpWeights(int input, IReadOnlyList<int> hidden, int? output, string where)
    {
        long total = 0;
        int width = input;
        for (int i = 0; i < hidden.Count; i++)
        {
            total += Layer(width, hidden[i], $"{where} layer {i}");
            width = hidden[i];
        }

        return output is int o ? total + Layer(width, o, $"{where} output layer") : total;
    }

    /// <summary>The values of one <paramref name="rows"/> × <paramref name="columns"/> weight matrix, checked against <see cref="MaxLayerValues"/>.</summary>
    internal static long Layer(long rows, long columns, string where)
    {
        long values = rows * columns;
        return values <= MaxLayerValues
            ? values
            : throw new ArgumentOutOfRangeException(
                nameof(values),
                values,
                string.Create(CultureInfo.InvariantCulture, $"The {where} would have {rows:N0} × {columns:N0} = {values:N0} weights, above the limit of {MaxLayerValues:N0} per layer."));
    }
}

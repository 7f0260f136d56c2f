using System.Text.Json.Nodes;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>The result of feature selection: the columns kept (in their original order), with the scores that chose them.</summary>
public sealed class FittedColumnSelection : IFittedTransform
{
    internal const string KindName = "column-selection";

    /// <summary>Creates the selection.</summary>
    /// <param name="inputColumns">The columns the selector saw, in order.</param>
    /// <param name="selected">The columns kept; a subset of <paramref name="inputColumns"/>.</param>
    /// <param name="scores">Optional score per input column (higher is better), for inspection.</param>
    public FittedColumnSelection(IReadOnlyList<string> inputColumns, IEnumerable<string> selected, IReadOnlyList<double>? scores = null)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        ArgumentNullException.ThrowIfNull(selected);
        var keep = selected.ToHashSet(StringComparer.Ordinal);
        foreach (var name in keep.Where(n => !inputColumns.Contains(n)))
        {
            throw new ArgumentException($"Selected column '{name}' is not an input column.", nameof(selected));
        }

        if (scores is not null && scores.Count != inputColumns.Count)
        {
            throw new ArgumentException($"Expected {inputColumns.Count} scores; got {scores.Count}.", nameof(scores));
        }

        InputColumns = inputColumns.ToArray();
        SelectedColumns = inputColumns.Where(keep.Contains).ToArray();
        Scores = scores?.ToArray();
    }

    /// <summary>The columns the selector saw, in order.</summary>
    public IReadOnlyList<string> InputColumns { get; }

    /// <summary>The columns kept, in input order.</summary>
    public IReadOnlyList<string> SelectedColumns { get; }

    /// <summary>The score of each input column (higher is better), or null.</summary>
    public IReadOnlyList<double>? Scores { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var kept = SelectedColumns.ToHashSet(StringComparer.Ordinal);
        foreach (var name in InputColumns.Where(n => !data.Contains(n)))
        {
            throw new ArgumentException($"Column '{name}', seen when the selection was fitted, is missing.", nameof(data));
        }

        // Columns the selector did not see (e.g. added later) pass through; seen columns not selected are dropped.
        return new TabularData(data.Columns.Where(c => kept.Contains(c.Name) || !InputColumns.Contains(c.Name)));
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["input"] = new JsonArray(InputColumns.Select(n => (JsonNode)n).ToArray()),
        ["selected"] = new JsonArray(SelectedColumns.Select(n => (JsonNode)n).ToArray()),
        ["scores"] = Scores is null ? null : new JsonArray(Scores.Select(s => (JsonNode)s).ToArray()),
    };

    internal static FittedColumnSelection FromJson(JsonObject json)
    {
        var input = (json["input"] as JsonArray ?? throw new FormatException("A column selection lacks 'input'.")).Select(n => n!.GetValue<string>()).ToArray();
        var selected = (json["selected"] as JsonArray ?? throw new FormatException("A column selection lacks 'selected'.")).Select(n => n!.GetValue<string>()).ToArray();
        var scores = (json["scores"] as JsonArray)?.Select(n => n!.GetValue<double>()).ToArray();
        return new FittedColumnSelection(input, selected, scores);
    }
}

using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="ColumnTransformer"/>: each group's columns and fitted step, and the remainder kept.</summary>
public sealed class FittedColumnTransformer : IFittedTransform
{
    internal const string KindName = "column-transformer";
    private const string RemainderName = "remainder";
    private readonly string[] _names;
    private readonly string[][] _columns;
    private readonly IFittedTransform?[] _steps;
    private readonly string[] _remainder;

    internal FittedColumnTransformer(string[] names, string[][] columns, IFittedTransform?[] steps, string[] remainder, bool prefixOutputNames)
    {
        _names = names;
        _columns = columns;
        _steps = steps;
        _remainder = remainder;
        PrefixOutputNames = prefixOutputNames;
        GroupNames = Array.AsReadOnly(names);
        GroupColumns = Array.AsReadOnly(columns.Select(c => (IReadOnlyList<string>)Array.AsReadOnly(c)).ToArray());
        Steps = Array.AsReadOnly(steps);
        RemainderColumns = Array.AsReadOnly(remainder);
    }

    /// <summary>The group names, in output order.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>The columns each group's step receives.</summary>
    public IReadOnlyList<IReadOnlyList<string>> GroupColumns { get; }

    /// <summary>Each group's fitted step; null for a group that selected no column.</summary>
    public IReadOnlyList<IFittedTransform?> Steps { get; }

    /// <summary>The columns passed through after the groups' outputs (empty when the remainder is dropped).</summary>
    public IReadOnlyList<string> RemainderColumns { get; }

    /// <summary>Whether output columns are named "&lt;group&gt;__&lt;column&gt;".</summary>
    public bool PrefixOutputNames { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Two output columns have the same name (see <see cref="PrefixOutputNames"/>).</exception>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var output = new List<TabularColumn>();
        var producer = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int g = 0; g < _names.Length; g++)
        {
            if (_steps[g] is { } step)
            {
                var input = new TabularData(_columns[g].Select(c => StepColumns.Column(data, c, $"column transformer's group '{_names[g]}'")));
                Collect(step.Transform(input).Columns, _names[g], output, producer);
            }
        }

        Collect(_remainder.Select(c => StepColumns.Column(data, c, "column transformer's remainder")), RemainderName, output, producer);
        return new TabularData(output);
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["groups"] = new JsonArray(_names.Select((name, g) => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["columns"] = FittedJson.Strings(_columns[g]),
            ["step"] = _steps[g]?.ToJson(),
        }).ToArray()),
        ["remainder"] = FittedJson.Strings(_remainder),
        ["prefix_output_names"] = PrefixOutputNames,
    };

    internal static FittedColumnTransformer FromJson(JsonObject json)
    {
        var groups = FittedJson.Array(json, "groups").Select(n => n as JsonObject ?? throw FittedJson.Error(json, "a group is not an object")).ToArray();
        return new(
            groups.Select(g => FittedJson.Read<string>(g, "name")).ToArray(),
            groups.Select(g => FittedJson.ReadNames(g, "columns")).ToArray(),
            groups.Select(g => g["step"] is JsonObject step ? FittedTransforms.FromJson(step) : null).ToArray(),
            FittedJson.ReadNames(json, "remainder"),
            FittedJson.Read<bool>(json, "prefix_output_names"));
    }

    private void Collect(IEnumerable<TabularColumn> columns, string group, List<TabularColumn> output, Dictionary<string, string> producer)
    {
        foreach (var column in columns)
        {
            var named = PrefixOutputNames ? column.Rename($"{group}__{column.Name}") : column;
            if (!producer.TryAdd(named.Name, group))
            {
                throw new InvalidOperationException(
                    $"Output column '{named.Name}' comes from both '{producer[named.Name]}' and '{group}'; rename a column or set PrefixOutputNames.");
            }

            output.Add(named);
        }
    }
}

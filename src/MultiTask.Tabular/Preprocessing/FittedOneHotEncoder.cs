using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="OneHotEncoder"/>.</summary>
public sealed class FittedOneHotEncoder : IFittedTransform
{
    internal const string KindName = "one-hot-encoder";
    private const string InfrequentName = "infrequent_sklearn";
    private readonly string[] _columns;
    private readonly string?[][] _categories;
    private readonly bool[][] _infrequent;
    private readonly int[][] _slots;
    private readonly string[][] _outputs;

    internal FittedOneHotEncoder(string[] columns, string?[][] categories, bool[][] infrequent, UnknownCategoryHandling handleUnknown, bool missingAsCategory)
    {
        _columns = columns;
        _categories = categories;
        _infrequent = infrequent;
        HandleUnknown = handleUnknown;
        MissingAsCategory = missingAsCategory;
        _slots = new int[columns.Length][];
        _outputs = new string[columns.Length][];
        for (int j = 0; j < columns.Length; j++)
        {
            // Frequent categories keep their order; the infrequent ones share the last slot.
            var names = new List<string>();
            _slots[j] = new int[categories[j].Length];
            for (int c = 0; c < categories[j].Length; c++)
            {
                if (!infrequent[j][c])
                {
                    _slots[j][c] = names.Count;
                    names.Add($"{columns[j]}_{categories[j][c] ?? CategoryEncoding.MissingName}");
                }
            }

            if (infrequent[j].Any(f => f))
            {
                for (int c = 0; c < categories[j].Length; c++)
                {
                    _slots[j][c] = infrequent[j][c] ? names.Count : _slots[j][c];
                }

                names.Add($"{columns[j]}_{InfrequentName}");
            }

            _outputs[j] = names.ToArray();
        }

        Columns = Array.AsReadOnly(columns);
        Categories = Array.AsReadOnly(categories.Select(c => (IReadOnlyList<string?>)Array.AsReadOnly(c)).ToArray());
        InfrequentCategories = Array.AsReadOnly(categories.Select((c, j) => (IReadOnlyList<string?>)c.Where((_, k) => infrequent[j][k]).ToArray()).ToArray());
        OutputColumns = Array.AsReadOnly(_outputs.SelectMany(o => o).ToArray());
    }

    /// <summary>The encoded columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Each column's categories in sorted order, null (missing) last when it was seen (<c>categories_</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Categories { get; }

    /// <summary>Each column's infrequent categories (<c>infrequent_categories_</c>); empty when none.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> InfrequentCategories { get; }

    /// <summary>The names of the output columns, all input columns together (<c>get_feature_names_out</c>).</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    /// <summary>What happens to a category not seen at fit time.</summary>
    public UnknownCategoryHandling HandleUnknown { get; }

    /// <summary>Whether a missing value is a category of its own.</summary>
    public bool MissingAsCategory { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var replacements = new Dictionary<string, TabularColumn[]>(StringComparer.Ordinal);
        for (int j = 0; j < _columns.Length; j++)
        {
            var values = StepColumns.CategoricalColumn(data, _columns[j], KindName).Span;
            var index = CategoryEncoding.Index(_categories[j]);
            int missingSlot = _categories[j].Length > 0 && _categories[j][^1] is null ? _slots[j][^1] : -1;
            bool hasInfrequent = _infrequent[j].Any(f => f);
            int unknownSlot = HandleUnknown == UnknownCategoryHandling.InfrequentIfExist && hasInfrequent ? _outputs[j].Length - 1 : -1;
            var outputs = new double[_outputs[j].Length][];
            for (int k = 0; k < outputs.Length; k++)
            {
                outputs[k] = new double[values.Length];
            }

            for (int i = 0; i < values.Length; i++)
            {
                int slot;
                if (values[i] is not { } value)
                {
                    slot = missingSlot;
                    if (slot < 0 && !MissingAsCategory)
                    {
                        throw new ArgumentException($"Column '{_columns[j]}', row {i}: a missing value; impute it first or set MissingAsCategory.", nameof(data));
                    }
                }
                else
                {
                    slot = index.TryGetValue(value, out int c) ? _slots[j][c] : -1;
                }

                if (slot < 0)
                {
                    slot = HandleUnknown == UnknownCategoryHandling.Error ? throw CategoryEncoding.Unknown(_columns[j], i, values[i], KindName) : unknownSlot;
                }

                if (slot >= 0)
                {
                    outputs[slot][i] = 1.0;
                }
            }

            replacements[_columns[j]] = outputs.Select((o, k) => (TabularColumn)NumericColumn.Own(_outputs[j][k], o)).ToArray();
        }

        return StepColumns.Replace(data, replacements);
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["categories"] = FittedJson.StringLists(_categories),
        ["infrequent"] = new JsonArray(_infrequent.Select(f => (JsonNode)new JsonArray(f.Select(b => (JsonNode)b).ToArray())).ToArray()),
        ["handle_unknown"] = HandleUnknown.ToString(),
        ["missing_as_category"] = MissingAsCategory,
    };

    internal static FittedOneHotEncoder FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        var categories = FittedJson.Length(json, "categories", FittedJson.ReadStringLists(json, "categories"), columns.Length);
        var infrequent = FittedJson.Length(
            json,
            "infrequent",
            FittedJson.Array(json, "infrequent").Select((n, j) => FittedJson.Length(json, "infrequent", ((JsonArray)n!).Select(b => b!.GetValue<bool>()).ToArray(), categories[j].Length)).ToArray(),
            columns.Length);
        return new(columns, categories, infrequent, Enum.Parse<UnknownCategoryHandling>(FittedJson.Read<string>(json, "handle_unknown")), FittedJson.Read<bool>(json, "missing_as_category"));
    }
}

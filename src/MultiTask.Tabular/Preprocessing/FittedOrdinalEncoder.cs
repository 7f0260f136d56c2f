using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="OrdinalEncoder"/>.</summary>
public sealed class FittedOrdinalEncoder : IFittedTransform
{
    internal const string KindName = "ordinal-encoder";
    private readonly string[] _columns;
    private readonly string?[][] _categories;

    internal FittedOrdinalEncoder(string[] columns, string?[][] categories, double? unknownValue, double encodedMissingValue)
    {
        _columns = columns;
        _categories = categories;
        UnknownValue = unknownValue;
        EncodedMissingValue = encodedMissingValue;
        Columns = Array.AsReadOnly(columns);
        Categories = Array.AsReadOnly(categories.Select(c => (IReadOnlyList<string?>)Array.AsReadOnly(c)).ToArray());
    }

    /// <summary>The encoded columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Each column's categories in code order, null (missing) last when it was seen (<c>categories_</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> Categories { get; }

    /// <summary>The code of an unknown category; null when an unknown category is an error.</summary>
    public double? UnknownValue { get; }

    /// <summary>The code of a missing value.</summary>
    public double EncodedMissingValue { get; }

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
            bool missingKnown = _categories[j].Length > 0 && _categories[j][^1] is null;
            var codes = new double[values.Length];
            for (int i = 0; i < codes.Length; i++)
            {
                if (values[i] is not { } value)
                {
                    codes[i] = missingKnown ? EncodedMissingValue : UnknownValue ?? throw CategoryEncoding.Unknown(_columns[j], i, null, KindName);
                }
                else if (index.TryGetValue(value, out int code))
                {
                    codes[i] = code;
                }
                else
                {
                    codes[i] = UnknownValue ?? throw CategoryEncoding.Unknown(_columns[j], i, value, KindName);
                }
            }

            replacements[_columns[j]] = [NumericColumn.Own(_columns[j], codes)];
        }

        return StepColumns.Replace(data, replacements);
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["categories"] = FittedJson.StringLists(_categories),
        ["unknown_value"] = UnknownValue is { } u ? FittedJson.Numbers([u]) : null,
        ["encoded_missing_value"] = FittedJson.Numbers([EncodedMissingValue]),
    };

    internal static FittedOrdinalEncoder FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        return new(
            columns,
            FittedJson.Length(json, "categories", FittedJson.ReadStringLists(json, "categories"), columns.Length),
            FittedJson.ReadOptionalNumbers(json, "unknown_value", 1)?[0],
            FittedJson.ReadNumbers(json, "encoded_missing_value", 1)[0]);
    }
}

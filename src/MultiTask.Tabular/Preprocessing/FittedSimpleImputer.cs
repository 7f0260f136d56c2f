using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="SimpleImputer"/>.</summary>
public sealed class FittedSimpleImputer : IFittedTransform
{
    internal const string KindName = "simple-imputer";
    private readonly string[] _columns;
    private readonly bool[] _numeric;
    private readonly double[] _numbers;
    private readonly string?[] _texts;
    private readonly string[] _indicators;

    internal FittedSimpleImputer(ImputationStrategy strategy, string[] columns, bool[] numeric, double[] numbers, string?[] texts, string[] indicators)
    {
        _columns = columns;
        _numeric = numeric;
        _numbers = numbers;
        _texts = texts;
        _indicators = indicators;
        Strategy = strategy;
        Columns = Array.AsReadOnly(columns);
        Statistics = Array.AsReadOnly(numbers);
        CategoricalStatistics = Array.AsReadOnly(texts);
        IndicatorColumns = Array.AsReadOnly(indicators);
        DroppedColumns = columns.Where((_, j) => IsDropped(j)).ToArray();
    }

    /// <summary>The statistic used.</summary>
    public ImputationStrategy Strategy { get; }

    /// <summary>The imputed columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The fill value of each numeric column (<c>statistics_</c>); NaN for a categorical column and for a dropped one.</summary>
    public IReadOnlyList<double> Statistics { get; }

    /// <summary>The fill value of each categorical column (<c>statistics_</c>); null for a numeric column and for a dropped one.</summary>
    public IReadOnlyList<string?> CategoricalStatistics { get; }

    /// <summary>The columns with no present value at fit time, which the transform drops (scikit-learn 1.2's behaviour).</summary>
    public IReadOnlyList<string> DroppedColumns { get; }

    /// <summary>The columns that get a "missingindicator_&lt;column&gt;" 0/1 column at the end (those that had missing values at fit time).</summary>
    public IReadOnlyList<string> IndicatorColumns { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var replacements = new Dictionary<string, TabularColumn[]>(StringComparer.Ordinal);
        for (int j = 0; j < _columns.Length; j++)
        {
            string name = _columns[j];
            if (IsDropped(j))
            {
                replacements[name] = [];
            }
            else if (_numeric[j])
            {
                var column = StepColumns.NumericColumn(data, name, KindName);
                if (Fill(column.Span, _numbers[j]) is { } filled)
                {
                    replacements[name] = [NumericColumn.Own(name, filled)];
                }
            }
            else
            {
                var column = StepColumns.CategoricalColumn(data, name, KindName);
                if (Fill(column.Span, _texts[j]!) is { } filled)
                {
                    replacements[name] = [CategoricalColumn.Own(name, filled)];
                }
            }
        }

        return StepColumns.Replace(data, replacements, MissingIndicators.Build(data, _indicators, KindName));
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["strategy"] = Strategy.ToString(),
        ["columns"] = FittedJson.Strings(_columns),
        ["numeric"] = new JsonArray(_numeric.Select(b => (JsonNode)b).ToArray()),
        ["statistics"] = FittedJson.Numbers(_numbers),
        ["categorical_statistics"] = FittedJson.Strings(_texts),
        ["indicators"] = FittedJson.Strings(_indicators),
    };

    internal static FittedSimpleImputer FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        int n = columns.Length;
        return new(
            Enum.Parse<ImputationStrategy>(FittedJson.Read<string>(json, "strategy")),
            columns,
            FittedJson.Length(json, "numeric", FittedJson.Array(json, "numeric").Select(b => b!.GetValue<bool>()).ToArray(), n),
            FittedJson.ReadNumbers(json, "statistics", n),
            FittedJson.Length(json, "categorical_statistics", FittedJson.ReadStrings(json, "categorical_statistics"), n),
            FittedJson.ReadNames(json, "indicators"));
    }

    /// <summary>A copy with NaN replaced by <paramref name="value"/>, or null when nothing is missing (the column is kept as is).</summary>
    private static double[]? Fill(ReadOnlySpan<double> values, double value)
    {
        double[]? filled = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                filled ??= values.ToArray();
                filled[i] = value;
            }
        }

        return filled;
    }

    /// <summary>A copy with null replaced by <paramref name="value"/>, or null when nothing is missing.</summary>
    private static string?[]? Fill(ReadOnlySpan<string?> values, string value)
    {
        string?[]? filled = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                filled ??= values.ToArray();
                filled[i] = value;
            }
        }

        return filled;
    }

    private bool IsDropped(int j) => _numeric[j] ? double.IsNaN(_numbers[j]) : _texts[j] is null;
}

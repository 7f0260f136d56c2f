using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="MaxAbsScaler"/>.</summary>
public sealed class FittedMaxAbsScaler : IFittedTransform
{
    internal const string KindName = "max-abs-scaler";
    private readonly string[] _columns;
    private readonly double[] _scale;

    internal FittedMaxAbsScaler(string[] columns, double[] maxAbs)
    {
        _columns = columns;
        _scale = Array.ConvertAll(maxAbs, ColumnStatistics.NonZeroScale);
        Columns = Array.AsReadOnly(columns);
        MaxAbs = Array.AsReadOnly(maxAbs);
        Scale = Array.AsReadOnly(_scale);
    }

    /// <summary>The scaled columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The largest absolute value per column (<c>max_abs_</c>).</summary>
    public IReadOnlyList<double> MaxAbs { get; }

    /// <summary>The divisor per column: <see cref="MaxAbs"/>, or 1 where that is zero (<c>scale_</c>).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data) => ColumnScaling.CenterAndScale(data, _columns, KindName, null, _scale);

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["max_abs"] = FittedJson.Numbers(MaxAbs),
    };

    internal static FittedMaxAbsScaler FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        return new(columns, FittedJson.ReadNumbers(json, "max_abs", columns.Length));
    }
}

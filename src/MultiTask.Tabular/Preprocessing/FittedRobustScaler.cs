using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="RobustScaler"/>.</summary>
public sealed class FittedRobustScaler : IFittedTransform
{
    internal const string KindName = "robust-scaler";
    private readonly string[] _columns;
    private readonly double[]? _center;
    private readonly double[]? _scale;

    internal FittedRobustScaler(string[] columns, double[]? center, double[]? scale)
    {
        _columns = columns;
        _center = center;
        _scale = scale;
        Columns = Array.AsReadOnly(columns);
        Center = center is null ? null : Array.AsReadOnly(center);
        Scale = scale is null ? null : Array.AsReadOnly(scale);
    }

    /// <summary>The scaled columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The median per column (<c>center_</c>); null without centring.</summary>
    public IReadOnlyList<double>? Center { get; }

    /// <summary>The interquantile range per column, 1 where it is zero (<c>scale_</c>); null without scaling.</summary>
    public IReadOnlyList<double>? Scale { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data) => ColumnScaling.CenterAndScale(data, _columns, KindName, _center, _scale);

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["center"] = FittedJson.OptionalNumbers(Center),
        ["scale"] = FittedJson.OptionalNumbers(Scale),
    };

    internal static FittedRobustScaler FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        return new(columns, FittedJson.ReadOptionalNumbers(json, "center", columns.Length), FittedJson.ReadOptionalNumbers(json, "scale", columns.Length));
    }
}

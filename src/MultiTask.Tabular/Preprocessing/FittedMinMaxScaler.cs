using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="MinMaxScaler"/>.</summary>
public sealed class FittedMinMaxScaler : IFittedTransform
{
    internal const string KindName = "min-max-scaler";
    private readonly string[] _columns;
    private readonly double[] _scale;
    private readonly double[] _offset;

    internal FittedMinMaxScaler(string[] columns, (double Low, double High) featureRange, bool clip, double[] dataMin, double[] dataMax)
    {
        _columns = columns;
        FeatureRange = featureRange;
        Clip = clip;
        var range = new double[columns.Length];
        _scale = new double[columns.Length];
        _offset = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            range[j] = dataMax[j] - dataMin[j];
            _scale[j] = (featureRange.High - featureRange.Low) / ColumnStatistics.NonZeroScale(range[j]);
            _offset[j] = featureRange.Low - (dataMin[j] * _scale[j]);
        }

        Columns = Array.AsReadOnly(columns);
        DataMin = Array.AsReadOnly(dataMin);
        DataMax = Array.AsReadOnly(dataMax);
        DataRange = Array.AsReadOnly(range);
        Scale = Array.AsReadOnly(_scale);
        Offset = Array.AsReadOnly(_offset);
    }

    /// <summary>The scaled columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The target range.</summary>
    public (double Low, double High) FeatureRange { get; }

    /// <summary>Whether transformed values are clipped to <see cref="FeatureRange"/>.</summary>
    public bool Clip { get; }

    /// <summary>The minimum per column (<c>data_min_</c>).</summary>
    public IReadOnlyList<double> DataMin { get; }

    /// <summary>The maximum per column (<c>data_max_</c>).</summary>
    public IReadOnlyList<double> DataMax { get; }

    /// <summary>Maximum − minimum per column (<c>data_range_</c>).</summary>
    public IReadOnlyList<double> DataRange { get; }

    /// <summary>The factor per column (<c>scale_</c>).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>The offset added after scaling, per column (<c>min_</c>).</summary>
    public IReadOnlyList<double> Offset { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
        => ColumnScaling.ScaleAndShift(data, _columns, KindName, _scale, _offset, Clip ? FeatureRange : null);

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["feature_range"] = FittedJson.Numbers([FeatureRange.Low, FeatureRange.High]),
        ["clip"] = Clip,
        ["data_min"] = FittedJson.Numbers(DataMin),
        ["data_max"] = FittedJson.Numbers(DataMax),
    };

    internal static FittedMinMaxScaler FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        var range = FittedJson.ReadNumbers(json, "feature_range", 2);
        return new(
            columns,
            (range[0], range[1]),
            FittedJson.Read<bool>(json, "clip"),
            FittedJson.ReadNumbers(json, "data_min", columns.Length),
            FittedJson.ReadNumbers(json, "data_max", columns.Length));
    }
}

using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="StandardScaler"/>; its statistics carry scikit-learn's attribute names in their docs.</summary>
public sealed class FittedStandardScaler : IFittedTransform
{
    internal const string KindName = "standard-scaler";
    private readonly string[] _columns;
    private readonly double[]? _mean;
    private readonly double[]? _scale;

    internal FittedStandardScaler(string[] columns, bool withMean, bool withStd, int[] counts, double[]? mean, double[]? variance, double[]? scale)
    {
        _columns = columns;
        _mean = mean;
        _scale = scale;
        WithMean = withMean;
        WithStd = withStd;
        Columns = Array.AsReadOnly(columns);
        SampleCounts = Array.AsReadOnly(counts);
        Mean = mean is null ? null : Array.AsReadOnly(mean);
        Variance = variance is null ? null : Array.AsReadOnly(variance);
        Scale = scale is null ? null : Array.AsReadOnly(scale);
    }

    /// <summary>The scaled columns, in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether the mean is subtracted.</summary>
    public bool WithMean { get; }

    /// <summary>Whether values are divided by <see cref="Scale"/>.</summary>
    public bool WithStd { get; }

    /// <summary>The number of present values per column (<c>n_samples_seen_</c>).</summary>
    public IReadOnlyList<int> SampleCounts { get; }

    /// <summary>The mean per column (<c>mean_</c>); null when neither centring nor scaling.</summary>
    public IReadOnlyList<double>? Mean { get; }

    /// <summary>The population variance per column (<c>var_</c>); null without scaling.</summary>
    public IReadOnlyList<double>? Variance { get; }

    /// <summary>The standard deviation per column, 1 for a constant column (<c>scale_</c>); null without scaling.</summary>
    public IReadOnlyList<double>? Scale { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
        => ColumnScaling.CenterAndScale(data, _columns, KindName, WithMean ? _mean : null, WithStd ? _scale : null);

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["with_mean"] = WithMean,
        ["with_std"] = WithStd,
        ["n_samples_seen"] = new JsonArray(SampleCounts.Select(c => (JsonNode)c).ToArray()),
        ["mean"] = FittedJson.OptionalNumbers(Mean),
        ["var"] = FittedJson.OptionalNumbers(Variance),
        ["scale"] = FittedJson.OptionalNumbers(Scale),
    };

    internal static FittedStandardScaler FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        int n = columns.Length;
        return new(
            columns,
            FittedJson.Read<bool>(json, "with_mean"),
            FittedJson.Read<bool>(json, "with_std"),
            FittedJson.ReadIntegers(json, "n_samples_seen", n),
            FittedJson.ReadOptionalNumbers(json, "mean", n),
            FittedJson.ReadOptionalNumbers(json, "var", n),
            FittedJson.ReadOptionalNumbers(json, "scale", n));
    }
}

using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>Fitted steps applied in order.</summary>
public sealed class FittedPipeline : IFittedTransform
{
    internal const string KindName = "pipeline";
    private readonly IFittedTransform[] _steps;

    /// <summary>Creates a fitted pipeline from fitted steps.</summary>
    /// <param name="steps">The fitted steps, in order.</param>
    public FittedPipeline(IEnumerable<IFittedTransform> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.ToArray();
    }

    /// <summary>The fitted steps, in order.</summary>
    public IReadOnlyList<IFittedTransform> Steps => _steps;

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _steps.Aggregate(data, (current, step) => step.Transform(current));
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["steps"] = new JsonArray(_steps.Select(s => (JsonNode)s.ToJson()).ToArray()),
    };

    internal static FittedPipeline FromJson(JsonObject json)
        => new((json["steps"] as JsonArray ?? throw new FormatException("A pipeline's JSON lacks 'steps'."))
            .Select(n => FittedTransforms.FromJson(n as JsonObject ?? throw new FormatException("A pipeline step is not a JSON object."))));
}

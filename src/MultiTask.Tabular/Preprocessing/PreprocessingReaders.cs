using System.Text.Json.Nodes;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>The JSON readers of the built-in preprocessing steps, by kind (consulted by <see cref="FittedTransforms"/>).</summary>
internal static class PreprocessingReaders
{
    internal static IEnumerable<KeyValuePair<string, Func<JsonObject, IFittedTransform>>> All =>
    [
        Strict(FittedPipeline.KindName, FittedPipeline.FromJson),
        Strict(FittedStandardScaler.KindName, FittedStandardScaler.FromJson),
        Strict(FittedMinMaxScaler.KindName, FittedMinMaxScaler.FromJson),
        Strict(FittedRobustScaler.KindName, FittedRobustScaler.FromJson),
        Strict(FittedMaxAbsScaler.KindName, FittedMaxAbsScaler.FromJson),
        Strict(FittedSimpleImputer.KindName, FittedSimpleImputer.FromJson),
        Strict(FittedKnnImputer.KindName, FittedKnnImputer.FromJson),
        Strict(FittedOneHotEncoder.KindName, FittedOneHotEncoder.FromJson),
        Strict(FittedOrdinalEncoder.KindName, FittedOrdinalEncoder.FromJson),
        Strict(FittedColumnTransformer.KindName, FittedColumnTransformer.FromJson),
        Strict(FeatureSelection.FittedColumnSelection.KindName, FeatureSelection.FittedColumnSelection.FromJson),
    ];

    /// <summary>
    /// The reader of <paramref name="kind"/>, refusing fields it does not know: every field of the JSON must be one
    /// that the recreated step writes (so a misspelt or injected field is an error, not silently ignored).
    /// </summary>
    private static KeyValuePair<string, Func<JsonObject, IFittedTransform>> Strict<T>(string kind, Func<JsonObject, T> reader)
        where T : IFittedTransform
        => new(kind, json =>
        {
            var transform = reader(json);
            var known = transform.ToJson();
            foreach (var (key, _) in json)
            {
                if (!known.ContainsKey(key))
                {
                    throw new FormatException($"Invalid JSON for a '{kind}' step: '{key}' is not a field this library knows; the known fields are {string.Join(", ", known.Select(p => $"'{p.Key}'"))}.");
                }
            }

            return transform;
        });
}

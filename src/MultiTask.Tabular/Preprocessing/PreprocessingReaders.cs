using System.Text.Json.Nodes;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>The JSON readers of the built-in preprocessing steps, by kind (consulted by <see cref="FittedTransforms"/>).</summary>
internal static class PreprocessingReaders
{
    internal static IEnumerable<KeyValuePair<string, Func<JsonObject, IFittedTransform>>> All =>
    [
        new(FittedPipeline.KindName, FittedPipeline.FromJson),
        new(FittedStandardScaler.KindName, FittedStandardScaler.FromJson),
        new(FittedMinMaxScaler.KindName, FittedMinMaxScaler.FromJson),
        new(FittedRobustScaler.KindName, FittedRobustScaler.FromJson),
        new(FittedMaxAbsScaler.KindName, FittedMaxAbsScaler.FromJson),
        new(FittedSimpleImputer.KindName, FittedSimpleImputer.FromJson),
        new(FittedKnnImputer.KindName, FittedKnnImputer.FromJson),
        new(FittedOneHotEncoder.KindName, FittedOneHotEncoder.FromJson),
        new(FittedOrdinalEncoder.KindName, FittedOrdinalEncoder.FromJson),
        new(FittedColumnTransformer.KindName, FittedColumnTransformer.FromJson),
        new(FeatureSelection.FittedColumnSelection.KindName, FeatureSelection.FittedColumnSelection.FromJson),
    ];
}

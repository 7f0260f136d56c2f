using MultiTask.Data.Tabular;
using MultiTask.FeatureSelection;

namespace MultiTask.Benchmarks;

/// <summary>The model-based feature-selection operations of the scikit-learn comparison (Lasso, RFE).</summary>
internal static class ModelBenchmarks
{
    internal static IEnumerable<(string Name, Action Run)> Operations(double[,] x, double[] y, TabularData table, SelectionTarget[] regression)
    {
        _ = x;
        _ = y;
        _ = table;
        _ = regression;
        return [];
    }
}

using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;

namespace MultiTask.Benchmarks;

/// <summary>The model-based feature-selection operations of the scikit-learn comparison (RFE, Lasso).</summary>
internal static class ModelBenchmarks
{
    internal static IEnumerable<(string Name, Action Run)> Operations(double[,] x, double[] y, TabularData table)
    {
        yield return ("RFE(LinearRegression, 10)", () => new Rfe(new LinearRegression()) { FeatureCount = 10, Step = 10 }.Fit(table, [TaskSpec.Regression("y")], [y]));
        yield return ("Lasso(alpha=0.01)", () => new Lasso { Alpha = 0.01 }.Fit(x, y));
    }
}

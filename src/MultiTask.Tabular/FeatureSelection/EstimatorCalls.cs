using MultiTask.Tabular.FeatureSelection.Linear;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>Fits and scores an <see cref="IImportanceEstimator"/> on column-major data, through the built-in estimators' fast path when available.</summary>
internal static class EstimatorCalls
{
    internal static IImportanceModel Fit(IImportanceEstimator estimator, ColumnMatrix x, SelectionTarget target)
    {
        var model = estimator is IColumnEstimator fast ? fast.FitColumns(x, target) : estimator.Fit(x.ToArray(), target);
        return model ?? throw new InvalidOperationException($"{estimator.GetType().Name}.Fit returned null.");
    }

    internal static double Score(IImportanceModel model, ColumnMatrix x, SelectionTarget target)
        => model is IColumnModel fast ? fast.ScoreColumns(x, target) : model.Score(x.ToArray(), target);

    /// <summary>The model's importances, checked to hold one value per feature.</summary>
    internal static double[] Importances(IImportanceModel model, int features, IImportanceEstimator estimator)
    {
        var importances = model.Importances?.ToArray()
            ?? throw new InvalidOperationException($"The model of {estimator.GetType().Name} has no importances.");
        if (importances.Length != features)
        {
            throw new InvalidOperationException($"The model of {estimator.GetType().Name} reports {importances.Length} importances for {features} features.");
        }

        return importances;
    }
}

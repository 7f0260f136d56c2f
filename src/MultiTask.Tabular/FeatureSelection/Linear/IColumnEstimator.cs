namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>The built-in estimators' fast path: fitting on column-major data without a row-major copy.</summary>
internal interface IColumnEstimator
{
    /// <summary>Fits on column-major features and a complete target.</summary>
    IImportanceModel FitColumns(ColumnMatrix x, SelectionTarget target);
}

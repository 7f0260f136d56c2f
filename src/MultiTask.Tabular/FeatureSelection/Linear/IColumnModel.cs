namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>The built-in models' fast path: scoring column-major data without a row-major copy.</summary>
internal interface IColumnModel
{
    /// <summary>The score (R² or accuracy) on column-major features and a complete target.</summary>
    double ScoreColumns(ColumnMatrix x, SelectionTarget target);
}

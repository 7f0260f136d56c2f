namespace MultiTask.Evaluation;

/// <summary>How <see cref="ConfusionMatrix.Normalized"/> divides the counts, as scikit-learn's <c>normalize</c>.</summary>
public enum ConfusionNormalization
{
    /// <summary>Each row by its total, the true count of its class (<c>"true"</c>): rows are recalls.</summary>
    True,

    /// <summary>Each column by its total, the predicted count of its class (<c>"pred"</c>): columns are precisions.</summary>
    Predicted,

    /// <summary>Every cell by the number of rows (<c>"all"</c>).</summary>
    All,
}

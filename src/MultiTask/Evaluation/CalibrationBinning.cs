namespace MultiTask.Evaluation;

/// <summary>How <see cref="CalibrationCurve"/> places its bin edges, as scikit-learn's <c>strategy</c>.</summary>
public enum CalibrationBinning
{
    /// <summary>Equal-width bins on [0, 1] (<c>"uniform"</c>).</summary>
    Uniform,

    /// <summary>Edges at the quantiles of the predicted probabilities, so bins hold about equal counts (<c>"quantile"</c>).</summary>
    Quantile,
}

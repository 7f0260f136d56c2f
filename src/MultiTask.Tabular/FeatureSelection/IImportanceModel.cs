namespace MultiTask.Tabular.FeatureSelection;

/// <summary>A model fitted by an <see cref="IImportanceEstimator"/>: its per-feature importances and its score on held-out rows.</summary>
public interface IImportanceModel
{
    /// <summary>
    /// One importance per feature, higher meaning more important. The built-in linear models report what
    /// scikit-learn's RFE ranks: the squared coefficient (summed over classes for a multiclass model), i.e.
    /// <c>_get_feature_importances(estimator, "auto", transform_func="square")</c>.
    /// </summary>
    IReadOnlyList<double> Importances { get; }

    /// <summary>The model's score on rows (higher is better): R² for regressors, accuracy for classifiers, as scikit-learn's <c>estimator.score</c>.</summary>
    /// <param name="x">[rows, features] with the features the model was fitted on.</param>
    /// <param name="target">The rows' targets, all present.</param>
    double Score(double[,] x, SelectionTarget target);
}

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// An estimator that wrapper selectors (<see cref="Rfe"/>, <see cref="Rfecv"/>, <see cref="SequentialFeatureSelector"/>)
/// fit on one task at a time: it learns from features and one target and exposes per-feature importances and a score,
/// as a scikit-learn estimator exposes <c>coef_</c> (or <c>feature_importances_</c>) and <c>score</c>.
/// </summary>
/// <remarks>
/// The wrappers give <see cref="Fit"/> only the rows that have a label, and call it once per task and per
/// elimination round (or candidate, or fold); implementations must not keep state between calls.
/// </remarks>
public interface IImportanceEstimator
{
    /// <summary>
    /// Whether the estimator is a classifier (scikit-learn's <c>is_classifier</c>): cross-validation then stratifies
    /// classification targets (StratifiedKFold) instead of cutting plain folds (KFold).
    /// </summary>
    bool IsClassifier { get; }

    /// <summary>Fits the estimator to one task.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="target">The task's targets, one per row, all present.</param>
    /// <returns>The fitted model, with its importances and score.</returns>
    IImportanceModel Fit(double[,] x, SelectionTarget target);

    /// <summary>Fits the estimator to one task and returns its feature importances (higher is more important).</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="target">The task's targets, one per row, all present.</param>
    /// <returns>One importance per feature, as <see cref="IImportanceModel.Importances"/>.</returns>
    double[] FitImportances(double[,] x, SelectionTarget target) => [.. Fit(x, target).Importances];
}

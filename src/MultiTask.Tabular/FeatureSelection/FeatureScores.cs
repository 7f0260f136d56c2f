namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// The result of a univariate score function for one task: one score per feature (higher is more relevant) and,
/// for the statistical tests, one p-value per feature (scikit-learn's <c>scores_</c> and <c>pvalues_</c>).
/// </summary>
/// <param name="Scores">One score per feature, in column order; NaN where the score is undefined (e.g. a constant feature under the ANOVA F-test).</param>
/// <param name="PValues">One p-value per feature, or null for score functions without one (mutual information, Pearson's r).</param>
public sealed record FeatureScores(IReadOnlyList<double> Scores, IReadOnlyList<double>? PValues);

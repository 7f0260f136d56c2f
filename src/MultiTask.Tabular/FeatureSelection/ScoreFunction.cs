namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// The univariate score functions of scikit-learn's <c>sklearn.feature_selection</c> (1.2), computed by
/// <see cref="ScoreFunctions"/> and used by <see cref="FeatureScorer"/>, <see cref="SelectKBest"/> and
/// <see cref="SelectPercentile"/>. Higher scores mean more relevant features.
/// </summary>
public enum ScoreFunction
{
    /// <summary>ANOVA F-value between a feature and class labels (<c>f_classif</c>); classification tasks.</summary>
    FClassif,

    /// <summary>F-value of the univariate linear regression of the target on a feature (<c>f_regression</c>, centred); regression tasks.</summary>
    FRegression,

    /// <summary>Chi-squared statistic of non-negative features against class labels (<c>chi2</c>); classification tasks.</summary>
    Chi2,

    /// <summary>Mutual information between a continuous feature and class labels (<c>mutual_info_classif</c>, k-nearest-neighbour estimator); classification tasks.</summary>
    MutualInfoClassification,

    /// <summary>Mutual information between a continuous feature and a continuous target (<c>mutual_info_regression</c>, k-nearest-neighbour estimator); regression tasks.</summary>
    MutualInfoRegression,
}

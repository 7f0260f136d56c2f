namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// scikit-learn 1.2's univariate score functions (<c>sklearn.feature_selection</c>: <c>f_classif</c>,
/// <c>f_regression</c>, <c>r_regression</c>, <c>chi2</c>, <c>mutual_info_classif</c>, <c>mutual_info_regression</c>)
/// on a float64 [rows, features] matrix and one complete target. Scores and p-values equal scikit-learn's to rounding
/// (checked to 1e-6 relative on real data); mutual information follows the same estimator with its own seeded jitter.
/// For targets with unlabelled rows, several tasks, or a <c>TabularData</c>, use <see cref="FeatureScorer"/>.
/// </summary>
/// <remarks>
/// <para>Degenerate features: under <see cref="FClassif"/> a constant feature scores NaN with a NaN p-value (scikit-learn
/// returns NaN for an all-zero column and rounding noise with a warning for other constants); a feature constant within
/// each class but not overall scores +∞ with p = 0. <see cref="FRegression"/> follows scikit-learn's
/// <c>force_finite=True</c>: a constant feature scores 0 with p = 1, a perfect correlation scores
/// <see cref="double.MaxValue"/> with p = 0. Under <see cref="Chi2"/> an all-zero feature scores NaN (p NaN) and a
/// positive constant one 0 (p = 1). Selectors rank NaN below every number, as scikit-learn does.</para>
/// <para>References: scikit-learn 1.2, <c>sklearn/feature_selection/_univariate_selection.py</c> and <c>_mutual_info.py</c>;
/// A. Kraskov, H. Stögbauer, P. Grassberger, "Estimating mutual information", Phys. Rev. E 69, 066138 (2004);
/// B. C. Ross, "Mutual Information between Discrete and Continuous Data Sets", PLoS ONE 9(2), e87357 (2014).</para>
/// <para>Computation is column-wise (one contiguous pass or two per feature, features in parallel); p-values come from
/// the regularised incomplete beta and gamma functions, so tiny p-values keep their relative accuracy.</para>
/// </remarks>
public static class ScoreFunctions
{
    private const string Target = "the target";

    /// <summary>
    /// The ANOVA F-value of each feature against class labels and its p-value from F(C − 1, n − C) (scikit-learn's
    /// <c>f_classif</c>).
    /// </summary>
    /// <param name="x">[rows, features], finite.</param>
    /// <param name="labels">One class label (≥ 0) per row; at least two classes and more rows than classes.</param>
    /// <param name="featureNames">Optional feature names for error messages (default "column j").</param>
    /// <returns>F-values and p-values, one per feature.</returns>
    /// <exception cref="ArgumentException">Shapes differ, a value is missing, a label is negative, or there are too few classes or rows; the message names the column or row.</exception>
    public static FeatureScores FClassif(double[,] x, IReadOnlyList<int> labels, IReadOnlyList<string>? featureNames = null)
        => Classification(ScoreFunction.FClassif, x, labels, featureNames, 3, 0);

    /// <summary>
    /// The F-value of the univariate linear regression of the target on each feature, F = r²/(1 − r²)·dof, and its
    /// p-value from F(1, dof), dof = n − 2 when centred, n − 1 otherwise (scikit-learn's <c>f_regression</c>).
    /// </summary>
    /// <param name="x">[rows, features], finite.</param>
    /// <param name="y">One finite target value per row; at least 3 rows.</param>
    /// <param name="center">Centre features and target (scikit-learn's default true).</param>
    /// <param name="forceFinite">Replace an infinite F by <see cref="double.MaxValue"/> and an undefined one by 0 (p = 1), scikit-learn's default.</param>
    /// <param name="featureNames">Optional feature names for error messages.</param>
    /// <returns>F-values and p-values, one per feature.</returns>
    /// <exception cref="ArgumentException">Shapes differ, a value is missing or infinite, or there are too few rows.</exception>
    public static FeatureScores FRegression(double[,] x, IReadOnlyList<double> y, bool center = true, bool forceFinite = true, IReadOnlyList<string>? featureNames = null)
    {
        var (matrix, target) = Regression(x, y, featureNames, "FRegression", center ? 3 : 2);
        return UnivariateStatistics.FRegression(matrix, target, center, forceFinite, $"FRegression for {Target}");
    }

    /// <summary>Pearson's correlation of each feature with the target (scikit-learn's <c>r_regression</c>); no p-values.</summary>
    /// <param name="x">[rows, features], finite.</param>
    /// <param name="y">One finite target value per row; at least 2 rows.</param>
    /// <param name="center">Centre features and target (true: Pearson's r; false: the uncentred cosine).</param>
    /// <param name="forceFinite">Replace an undefined correlation (a constant feature or target) by 0 instead of NaN.</param>
    /// <param name="featureNames">Optional feature names for error messages.</param>
    /// <returns>Correlations in [−1, 1] as <see cref="FeatureScores.Scores"/>; <see cref="FeatureScores.PValues"/> is null.</returns>
    /// <exception cref="ArgumentException">Shapes differ, a value is missing or infinite, or there are too few rows.</exception>
    public static FeatureScores RRegression(double[,] x, IReadOnlyList<double> y, bool center = true, bool forceFinite = true, IReadOnlyList<string>? featureNames = null)
    {
        var (matrix, target) = Regression(x, y, featureNames, "RRegression", 2);
        return new FeatureScores(UnivariateStatistics.Correlations(matrix, target, center, forceFinite, $"RRegression for {Target}"), null);
    }

    /// <summary>
    /// The chi-squared statistic of each non-negative feature against class labels, treating feature values as
    /// frequencies, and its p-value from χ²(C − 1) (scikit-learn's <c>chi2</c>).
    /// </summary>
    /// <param name="x">[rows, features], finite and non-negative.</param>
    /// <param name="labels">One class label (≥ 0) per row; at least two classes.</param>
    /// <param name="featureNames">Optional feature names for error messages.</param>
    /// <returns>χ² statistics and p-values, one per feature.</returns>
    /// <exception cref="ArgumentException">A feature has a negative value (the message names the column and row), or as for <see cref="FClassif"/>.</exception>
    public static FeatureScores Chi2(double[,] x, IReadOnlyList<int> labels, IReadOnlyList<string>? featureNames = null)
        => Classification(ScoreFunction.Chi2, x, labels, featureNames, 3, 0);

    /// <summary>
    /// The mutual information (nats) between each continuous feature and class labels, by the k-nearest-neighbour
    /// estimator of Ross (2014) as in scikit-learn's <c>mutual_info_classif</c> (continuous features): each feature
    /// is scaled to unit variance and jittered by 1e-10·max(1, mean|x|)·N(0, 1), then for each row the distance d to
    /// its k-th nearest row of the same class and the number m of rows of any class within d give
    /// MI = ψ(N) + ⟨ψ(k)⟩ − ⟨ψ(N_class)⟩ − ⟨ψ(m)⟩, clipped at 0 (rows of single-row classes are left out).
    /// </summary>
    /// <param name="x">[rows, features], finite.</param>
    /// <param name="labels">One class label (≥ 0) per row; at least two classes.</param>
    /// <param name="neighbors">k (scikit-learn's <c>n_neighbors</c>, default 3).</param>
    /// <param name="seed">Seed of the jitter; the same seed gives the same result. The jitter cannot reproduce NumPy's random stream, so values differ from scikit-learn's where ties in the data make the estimate depend on the jitter (the top features agree).</param>
    /// <param name="featureNames">Optional feature names for error messages.</param>
    /// <returns>Mutual information, one per feature; no p-values.</returns>
    /// <exception cref="ArgumentException">As for <see cref="FClassif"/>, or every class has a single row.</exception>
    public static FeatureScores MutualInfoClassification(double[,] x, IReadOnlyList<int> labels, int neighbors = 3, int seed = 0, IReadOnlyList<string>? featureNames = null)
        => Classification(ScoreFunction.MutualInfoClassification, x, labels, featureNames, neighbors, seed);

    /// <summary>
    /// The mutual information (nats) between each continuous feature and a continuous target, by the
    /// k-nearest-neighbour estimator of Kraskov, Stögbauer and Grassberger (2004, their first estimator, Chebyshev
    /// norm) as in scikit-learn's <c>mutual_info_regression</c>: feature and target are scaled to unit variance and
    /// jittered, then for each row the Chebyshev distance d to its k-th nearest neighbour in the joint space and the
    /// numbers n_x, n_y of other rows strictly within d in each marginal give
    /// MI = ψ(N) + ψ(k) − ⟨ψ(n_x + 1)⟩ − ⟨ψ(n_y + 1)⟩, clipped at 0. Neighbours are found with a KD-tree
    /// (O(N log N) per feature), features in parallel.
    /// </summary>
    /// <param name="x">[rows, features], finite.</param>
    /// <param name="y">One finite target value per row; more rows than <paramref name="neighbors"/>.</param>
    /// <param name="neighbors">k (scikit-learn's <c>n_neighbors</c>, default 3).</param>
    /// <param name="seed">Seed of the jitter (see <see cref="MutualInfoClassification"/>).</param>
    /// <param name="featureNames">Optional feature names for error messages.</param>
    /// <returns>Mutual information, one per feature; no p-values.</returns>
    /// <exception cref="ArgumentException">Shapes differ, a value is missing or infinite, or there are too few rows.</exception>
    public static FeatureScores MutualInfoRegression(double[,] x, IReadOnlyList<double> y, int neighbors = 3, int seed = 0, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var matrix = FeatureMatrix.FromArray(x, featureNames, nameof(x));
        return ScoreComputation.Regression(ScoreFunction.MutualInfoRegression, matrix, y.ToArray(), Target, neighbors, seed);
    }

    private static FeatureScores Classification(ScoreFunction function, double[,] x, IReadOnlyList<int> labels, IReadOnlyList<string>? featureNames, int neighbors, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var matrix = FeatureMatrix.FromArray(x, featureNames, nameof(x));
        ScoreComputation.RequireLabels(labels, Target);
        return ScoreComputation.Classification(function, matrix, labels, Target, neighbors, seed);
    }

    private static (FeatureMatrix X, double[] Y) Regression(double[,] x, IReadOnlyList<double> y, IReadOnlyList<string>? featureNames, string function, int minimumRows)
    {
        ArgumentNullException.ThrowIfNull(y);
        var matrix = FeatureMatrix.FromArray(x, featureNames, nameof(x));
        var target = y.ToArray();
        ScoreComputation.RequireRows(matrix, target.Length, Target);
        ScoreComputation.RequireFinite(target, Target);
        if (matrix.RowCount < minimumRows)
        {
            throw new ArgumentException($"The target has {matrix.RowCount} rows; {function} needs at least {minimumRows}.", nameof(y));
        }

        return (matrix, target);
    }
}

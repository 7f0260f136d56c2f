namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// The outcome of cross-validated recursive feature elimination: scikit-learn's <c>n_features_</c>,
/// <c>support_</c>, <c>ranking_</c> and <c>cv_results_</c>, plus the column selection.
/// </summary>
public sealed class RfecvResult
{
    internal RfecvResult(RfeResult final, int[] counts, double[][] foldScores, IReadOnlyDictionary<string, double[]> taskMeans)
    {
        Final = final;
        FeatureCounts = counts;
        SplitTestScores = foldScores;
        int m = counts.Length;
        var mean = new double[m];
        var std = new double[m];
        for (int c = 0; c < m; c++)
        {
            double sum = 0;
            foreach (var fold in foldScores)
            {
                sum += fold[c];
            }

            mean[c] = sum / foldScores.Length;
            double squares = 0;
            foreach (var fold in foldScores)
            {
                squares += (fold[c] - mean[c]) * (fold[c] - mean[c]);
            }

            std[c] = Math.Sqrt(squares / foldScores.Length);
        }

        MeanTestScores = mean;
        StdTestScores = std;
        TaskMeanTestScores = taskMeans;
    }

    /// <summary>The input feature names, in order.</summary>
    public IReadOnlyList<string> FeatureNames => Final.FeatureNames;

    /// <summary>The number of features chosen (scikit-learn's <c>n_features_</c>).</summary>
    public int FeatureCount => Final.FeatureCount;

    /// <summary>Whether each input feature is kept (scikit-learn's <c>support_</c>).</summary>
    public IReadOnlyList<bool> Support => Final.Support;

    /// <summary>Each input feature's rank from the final elimination on all rows (scikit-learn's <c>ranking_</c>).</summary>
    public IReadOnlyList<int> Ranking => Final.Ranking;

    /// <summary>The kept columns as a fitted step; its scores are the negated ranks.</summary>
    public FittedColumnSelection Selection => Final.Selection;

    /// <summary>The feature counts that were scored, ascending: the index of <see cref="MeanTestScores"/> and the other score arrays.</summary>
    public IReadOnlyList<int> FeatureCounts { get; }

    /// <summary>
    /// The mean cross-validated score for each entry of <see cref="FeatureCounts"/> (scikit-learn's
    /// <c>cv_results_["mean_test_score"]</c>); with several targets, of the per-fold mean over tasks.
    /// </summary>
    public IReadOnlyList<double> MeanTestScores { get; }

    /// <summary>The population standard deviation over folds of the scores (scikit-learn's <c>cv_results_["std_test_score"]</c>).</summary>
    public IReadOnlyList<double> StdTestScores { get; }

    /// <summary>The scores of each fold (scikit-learn's <c>cv_results_["split{k}_test_score"]</c>), [fold][feature-count index]; with several targets, the mean over tasks.</summary>
    public IReadOnlyList<IReadOnlyList<double>> SplitTestScores { get; }

    /// <summary>Each task's mean cross-validated score for each entry of <see cref="FeatureCounts"/>.</summary>
    public IReadOnlyDictionary<string, double[]> TaskMeanTestScores { get; }

    private RfeResult Final { get; }
}

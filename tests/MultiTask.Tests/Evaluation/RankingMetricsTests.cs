using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>
/// Expected values come from scikit-learn 1.2.1 (Debian python3-sklearn) via tests/reference/open_metrics_reference.py
/// (the printed name is given in each assertion's comment).
/// </summary>
public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-12;
    private static readonly int[] BinaryLabels = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
    private static readonly double[] BinaryScores = [0.1, 0.8, 0.35, 0.35, 0.9, 0.2, 0.6, 0.35, 0.7, 0.05];
    private static readonly int[] ClassLabels = [0, 1, 2, 2, 1, 0, 3, 3, 2, 1];

    private static readonly IReadOnlyList<double>[] ClassProbabilities =
    [
        [0.7, 0.1, 0.1, 0.1], [0.2, 0.3, 0.4, 0.1], [0.1, 0.2, 0.6, 0.1], [0.25, 0.25, 0.25, 0.25], [0.1, 0.6, 0.2, 0.1],
        [0.4, 0.2, 0.2, 0.2], [0.1, 0.4, 0.1, 0.4], [0.1, 0.1, 0.1, 0.7], [0.4, 0.1, 0.3, 0.2], [0.2, 0.5, 0.2, 0.1],
    ];

    [Fact]
    public void BinaryScoreMetrics_WithTies_MatchScikitLearn()
    {
        Metrics.AveragePrecision(BinaryLabels, BinaryScores).Should().BeApproximately(0.8357142857142859, Tolerance); // bin_ap
        Metrics.BrierScore(BinaryLabels, BinaryScores).Should().BeApproximately(0.172, Tolerance); // bin_brier
    }

    [Fact]
    public void MulticlassScoreMetrics_MatchScikitLearn()
    {
        Metrics.RocAucOneVsRest(ClassLabels, ClassProbabilities).Should().BeApproximately(0.9564732142857143, Tolerance); // mc_auc_ovr_macro
        Metrics.RocAucOneVsRest(ClassLabels, ClassProbabilities, MetricAverage.Weighted).Should().BeApproximately(0.9508928571428571, Tolerance);
        Metrics.LogLoss(ClassLabels, ClassProbabilities).Should().BeApproximately(0.8054969749489465, Tolerance); // mc_logloss
    }

    [Fact]
    public void OneVsRest_AbsentClass_Throws()
    {
        var act = () => Metrics.RocAucOneVsRest([0, 1, 1], [[0.5, 0.3, 0.2], [0.2, 0.7, 0.1], [0.3, 0.4, 0.3]]);
        act.Should().Throw<ArgumentException>().WithMessage("*class 2 of 3 is absent*");
    }

    [Fact]
    public void DegenerateScores_MatchScikitLearn()
    {
        Metrics.AveragePrecision([1, 1, 1], [0.2, 0.5, 0.9]).Should().Be(1.0); // single_class_ap
        Metrics.AveragePrecision([0, 0, 0], [0.2, 0.5, 0.9]).Should().Be(0.0); // no_positive_ap
        Metrics.BrierScore([1, 1, 1], [0.2, 0.5, 0.9]).Should().BeApproximately(0.30000000000000004, Tolerance);
        Metrics.RocAuc([0, 1, 1, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.5]).Should().Be(0.5); // equal_auc
        Metrics.AveragePrecision([0, 1, 1, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.5]).Should().BeApproximately(0.6, Tolerance); // equal_ap
    }

    [Fact]
    public void RegressionExtras_MatchScikitLearn()
    {
        double[] actual = [3.0, -0.5, 2.0, 7.0, 4.2, 1.1];
        double[] predicted = [2.5, 0.0, 2.1, 7.8, 3.9, 0.4];
        Metrics.MeanAbsolutePercentageError(actual, predicted).Should().BeApproximately(0.3397907647907648, Tolerance); // mape
        Metrics.MedianAbsoluteError(actual, predicted).Should().BeApproximately(0.5, Tolerance); // median_ae
        Metrics.MeanAbsolutePercentageError([0.0, 1.0, 2.0], [0.5, 1.0, 1.0]).Should().BeApproximately(750599937895082.9, 1.0); // mape_zero_truth
        Metrics.MedianAbsoluteError([1.0, 2.0, 3.0], [1.5, 2.0, 5.0]).Should().Be(0.5); // median_ae_odd
    }
}

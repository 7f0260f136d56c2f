using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>
/// Expected values come from scikit-learn 1.2.1 (Debian python3-sklearn) via tests/reference/metrics_reference.py.
/// </summary>
public sealed class MetricsTests
{
    private static readonly double[] Actual = [3.0, -0.5, 2.0, 7.0, 4.2, 1.1];
    private static readonly double[] Predicted = [2.5, 0.0, 2.1, 7.8, 3.9, 0.4];
    private static readonly int[] BinaryLabels = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
    private static readonly double[] BinaryScores = [0.1, 0.8, 0.35, 0.35, 0.9, 0.2, 0.6, 0.35, 0.7, 0.05];
    private static readonly int[] ClassLabels = [0, 1, 2, 2, 1, 0, 3, 3, 2, 1];
    private static readonly int[] ClassPredictions = [0, 2, 2, 2, 1, 0, 1, 3, 0, 1];

    [Fact]
    public void RegressionMetrics_MatchScikitLearn()
    {
        Metrics.MeanSquaredError(Actual, Predicted).Should().BeApproximately(0.28833333333333333, 1e-12);
        Metrics.RootMeanSquaredError(Actual, Predicted).Should().BeApproximately(0.5369667897862337, 1e-12);
        Metrics.MeanAbsoluteError(Actual, Predicted).Should().BeApproximately(0.4833333333333334, 1e-12);
        Metrics.R2(Actual, Predicted).Should().BeApproximately(0.94920728126835, 1e-12);
    }

    [Fact]
    public void R2_ConstantTruth_FollowsScikitLearnConvention()
    {
        Metrics.R2([2.0, 2.0, 2.0], [2.0, 2.5, 2.0]).Should().Be(0.0);
        Metrics.R2([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]).Should().Be(1.0);
    }

    [Fact]
    public void RocAuc_WithTiedScores_MatchesScikitLearn()
    {
        Metrics.RocAuc(BinaryLabels, BinaryScores).Should().BeApproximately(0.8400000000000001, 1e-12);
    }

    [Fact]
    public void RocAuc_PerfectAndReversedRanking_AreOneAndZero()
    {
        Metrics.RocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]).Should().Be(1.0);
        Metrics.RocAuc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]).Should().Be(0.0);
    }

    [Fact]
    public void RocAuc_SingleClass_Throws()
    {
        var act = () => Metrics.RocAuc([1, 1, 1], [0.2, 0.5, 0.9]);
        act.Should().Throw<ArgumentException>().WithMessage("*only one class*");
    }

    [Fact]
    public void LogLoss_MatchesScikitLearn_IncludingClipping()
    {
        Metrics.LogLoss(BinaryLabels, BinaryScores).Should().BeApproximately(0.49535270215133587, 1e-12);
        Metrics.LogLoss([1, 0, 1], [1.0, 0.0, 0.0]).Should().BeApproximately(12.014551129705717, 1e-9);
    }

    [Fact]
    public void Accuracy_MatchesScikitLearn()
    {
        var labels = BinaryScores.Select(s => s > 0.5 ? 1 : 0).ToArray();
        Metrics.Accuracy(BinaryLabels, labels).Should().BeApproximately(0.7, 1e-12);
        Metrics.Accuracy(ClassLabels, ClassPredictions).Should().BeApproximately(0.7, 1e-12);
    }

    [Fact]
    public void MacroF1_MatchesScikitLearn()
    {
        Metrics.MacroF1(ClassLabels, ClassPredictions).Should().BeApproximately(0.7, 1e-12);
        Metrics.MacroF1([0, 0, 1, 1], [0, 2, 1, 1]).Should().BeApproximately(0.5555555555555555, 1e-12);
    }

    [Fact]
    public void Metrics_MismatchedLengths_NameBothLengths()
    {
        var act = () => Metrics.MeanSquaredError([1.0, 2.0], [1.0]);
        act.Should().Throw<ArgumentException>().WithMessage("*2 vs 1*");
    }
}

using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>
/// Expected curve points come from scikit-learn 1.2.1 (Debian python3-sklearn) via
/// tests/reference/open_metrics_reference.py (the printed name is given in each test's comment).
/// </summary>
public sealed class CurveTests
{
    private static readonly int[] BinaryLabels = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
    private static readonly double[] BinaryScores = [0.1, 0.8, 0.35, 0.35, 0.9, 0.2, 0.6, 0.35, 0.7, 0.05];

    [Fact]
    public void RocCurve_WithTies_MatchesScikitLearn()
    {
        // roc_fpr, roc_tpr, roc_thresholds (first threshold = max score + 1 in scikit-learn 1.2)
        var curve = RocCurve.Compute(BinaryLabels, BinaryScores);
        curve.FalsePositiveRates.Should().Equal([0.0, 0.0, 0.0, 0.2, 0.2, 0.4, 1.0], Close);
        curve.TruePositiveRates.Should().Equal([0.0, 0.2, 0.4, 0.4, 0.6, 1.0, 1.0], Close);
        curve.Thresholds.Should().Equal([1.9, 0.9, 0.8, 0.7, 0.6, 0.35, 0.05], Close);
    }

    [Fact]
    public void RocCurve_WithoutDropping_KeepsEveryThreshold()
    {
        // roc_all_*
        var curve = RocCurve.Compute(BinaryLabels, BinaryScores, dropIntermediate: false);
        curve.FalsePositiveRates.Should().Equal([0.0, 0.0, 0.0, 0.2, 0.2, 0.4, 0.6, 0.8, 1.0], Close);
        curve.TruePositiveRates.Should().Equal([0.0, 0.2, 0.4, 0.4, 0.6, 1.0, 1.0, 1.0, 1.0], Close);
        curve.Thresholds.Should().Equal([1.9, 0.9, 0.8, 0.7, 0.6, 0.35, 0.2, 0.1, 0.05], Close);
    }

    [Fact]
    public void RocCurve_DropsCollinearPoints()
    {
        // roc_drop_*: 0.8, 0.6 and 0.3 lie on straight segments
        var curve = RocCurve.Compute([1, 1, 1, 0, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);
        curve.FalsePositiveRates.Should().Equal([0.0, 0.0, 0.0, 0.5, 0.5, 1.0], Close);
        curve.TruePositiveRates.Should().Equal([0.0, 0.25, 0.75, 0.75, 1.0, 1.0], Close);
        curve.Thresholds.Should().Equal([1.9, 0.9, 0.7, 0.5, 0.4, 0.2], Close);
    }

    [Fact]
    public void Curves_AllEqualScores_MatchScikitLearn()
    {
        // equal_roc_*, equal_pr_*
        int[] labels = [0, 1, 1, 0, 1];
        double[] scores = [0.5, 0.5, 0.5, 0.5, 0.5];
        var roc = RocCurve.Compute(labels, scores);
        roc.FalsePositiveRates.Should().Equal([0.0, 1.0]);
        roc.TruePositiveRates.Should().Equal([0.0, 1.0]);
        roc.Thresholds.Should().Equal([1.5, 0.5]);
        var pr = PrecisionRecallCurve.Compute(labels, scores);
        pr.Precision.Should().Equal([0.6, 1.0], Close);
        pr.Recall.Should().Equal([1.0, 0.0]);
        pr.Thresholds.Should().Equal([0.5]);
    }

    [Fact]
    public void RocCurve_NoNegatives_GivesNaNRates()
    {
        var roc = RocCurve.Compute([1, 1], [0.3, 0.6]);
        roc.FalsePositiveRates.Should().OnlyContain(v => double.IsNaN(v));
        roc.TruePositiveRates.Should().Equal([0.0, 0.5, 1.0]);
    }

    [Fact]
    public void PrecisionRecallCurve_WithTies_MatchesScikitLearn()
    {
        // pr_precision, pr_recall, pr_thresholds
        var curve = PrecisionRecallCurve.Compute(BinaryLabels, BinaryScores);
        curve.Precision.Should().Equal([0.5, 0.5555555555555556, 0.625, 0.7142857142857143, 0.75, 0.6666666666666666, 1.0, 1.0, 1.0], Close);
        curve.Recall.Should().Equal([1.0, 1.0, 1.0, 1.0, 0.6, 0.4, 0.4, 0.2, 0.0], Close);
        curve.Thresholds.Should().Equal([0.05, 0.1, 0.2, 0.35, 0.6, 0.7, 0.8, 0.9], Close);
    }

    [Fact]
    public void CalibrationCurve_UniformAndQuantile_MatchScikitLearn()
    {
        // cal_uniform_*, cal_quantile_*: 0.4 lies on a uniform edge and on a quantile edge and goes to the lower bin
        int[] labels = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1];
        double[] probabilities = [0.05, 0.15, 0.4, 0.35, 0.55, 0.62, 0.65, 0.81, 0.9, 0.95];
        var uniform = CalibrationCurve.Compute(labels, probabilities);
        uniform.FractionOfPositives.Should().Equal([0.0, 0.5, 1.0, 0.5, 1.0], Close);
        uniform.MeanPredictedProbability.Should().Equal([0.1, 0.375, 0.55, 0.635, 0.8866666666666667], Close);
        var quantile = CalibrationCurve.Compute(labels, probabilities, 3, CalibrationBinning.Quantile);
        quantile.FractionOfPositives.Should().Equal([0.0, 0.75, 1.0], Close);
        quantile.MeanPredictedProbability.Should().Equal([0.18333333333333335, 0.555, 0.8866666666666667], Close);
    }

    [Fact]
    public void CalibrationCurve_ProbabilityOutsideUnitInterval_NamesRow()
    {
        var act = () => CalibrationCurve.Compute([0, 1], [0.2, 1.5]);
        act.Should().Throw<ArgumentException>().WithMessage("*row 1 has 1.5*");
    }

    private static bool Close(double a, double b) => ClassificationMetricsTests.Close(a, b);
}

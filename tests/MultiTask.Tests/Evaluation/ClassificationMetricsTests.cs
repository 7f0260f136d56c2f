using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>
/// Expected values come from scikit-learn 1.2.1 (Debian python3-sklearn) via tests/reference/open_metrics_reference.py
/// (the printed name is given in each assertion's comment).
/// </summary>
public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;
    private static readonly int[] BinaryLabels = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
    private static readonly int[] BinaryPredicted = [0, 1, 0, 0, 1, 0, 1, 0, 1, 0]; // scores > 0.5
    private static readonly int[] ClassLabels = [0, 1, 2, 2, 1, 0, 3, 3, 2, 1];
    private static readonly int[] ClassPredictions = [0, 2, 2, 2, 1, 0, 1, 3, 0, 1];

    [Fact]
    public void BinaryLabelMetrics_MatchScikitLearn()
    {
        Metrics.Precision(BinaryLabels, BinaryPredicted).Should().BeApproximately(0.75, Tolerance); // bin_precision
        Metrics.Recall(BinaryLabels, BinaryPredicted).Should().BeApproximately(0.6, Tolerance); // bin_recall
        Metrics.F1(BinaryLabels, BinaryPredicted).Should().BeApproximately(0.6666666666666665, Tolerance); // bin_f1
        Metrics.BalancedAccuracy(BinaryLabels, BinaryPredicted).Should().BeApproximately(0.7, Tolerance);
        Metrics.MatthewsCorrelation(BinaryLabels, BinaryPredicted).Should().BeApproximately(0.408248290463863, Tolerance);
    }

    [Theory]
    [InlineData(MetricAverage.Macro, 0.75, 0.7083333333333333, 0.7)]
    [InlineData(MetricAverage.Micro, 0.7, 0.7, 0.7)]
    [InlineData(MetricAverage.Weighted, 0.7333333333333333, 0.7, 0.6933333333333332)]
    public void MulticlassAverages_MatchScikitLearn(MetricAverage average, double precision, double recall, double f1)
    {
        // mc_precision_{avg}, mc_recall_{avg}, mc_f1_{avg}
        Metrics.Precision(ClassLabels, ClassPredictions, average).Should().BeApproximately(precision, Tolerance);
        Metrics.Recall(ClassLabels, ClassPredictions, average).Should().BeApproximately(recall, Tolerance);
        Metrics.F1(ClassLabels, ClassPredictions, average).Should().BeApproximately(f1, Tolerance);
    }

    [Fact]
    public void PerClassAndCorrelation_MatchScikitLearn()
    {
        var (precision, recall, f1) = Metrics.PerClassPrecisionRecallF1(ClassLabels, ClassPredictions, 4);
        precision.Should().Equal([0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 1.0], Close);
        recall.Should().Equal([1.0, 0.6666666666666666, 0.6666666666666666, 0.5], Close);
        f1.Should().Equal([0.8, 0.6666666666666666, 0.6666666666666666, 0.6666666666666666], Close);
        Metrics.BalancedAccuracy(ClassLabels, ClassPredictions).Should().BeApproximately(0.7083333333333333, Tolerance);
        Metrics.MatthewsCorrelation(ClassLabels, ClassPredictions).Should().BeApproximately(0.60279628678631, Tolerance);
    }

    [Fact]
    public void LabelOnlyInPredictions_CountsForPrecisionButNotBalancedAccuracy()
    {
        // pred_only_*: class 2 is predicted once and never true
        Metrics.BalancedAccuracy([0, 0, 1, 1], [0, 2, 1, 1]).Should().BeApproximately(0.75, Tolerance);
        Metrics.Precision([0, 0, 1, 1], [0, 2, 1, 1], MetricAverage.Macro).Should().BeApproximately(0.6666666666666666, Tolerance);
        Metrics.Recall([0, 0, 1, 1], [0, 2, 1, 1], MetricAverage.Macro).Should().BeApproximately(0.5, Tolerance);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.1111111111111111)]
    [InlineData(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.25, 0.7777777777777778)]
    public void ZeroDivision_FollowsScikitLearn(double zeroDivision, double allNegativePrecision, double allNegativeRecall, double allNegativeF1, double noPredictedPrecision, double noPredictedF1, double noPredictedMacroF1, double noPredictedWeightedPrecision)
    {
        // all_negative_*_zd{0,1}: no positive label anywhere; no_pred_pos_*_zd{0,1}: positives exist, none predicted
        Metrics.Precision([0, 0, 0], [0, 0, 0], zeroDivision: zeroDivision).Should().Be(allNegativePrecision);
        Metrics.Recall([0, 0, 0], [0, 0, 0], zeroDivision: zeroDivision).Should().Be(allNegativeRecall);
        Metrics.F1([0, 0, 0], [0, 0, 0], zeroDivision: zeroDivision).Should().Be(allNegativeF1);
        Metrics.Precision([1, 0, 1], [0, 0, 0], zeroDivision: zeroDivision).Should().Be(noPredictedPrecision);
        Metrics.F1([1, 0, 1], [0, 0, 0], zeroDivision: zeroDivision).Should().Be(noPredictedF1);
        Metrics.F1([1, 0, 1], [0, 0, 0], MetricAverage.Macro, zeroDivision: zeroDivision).Should().BeApproximately(noPredictedMacroF1, Tolerance);
        Metrics.Precision([1, 0, 1], [0, 0, 0], MetricAverage.Weighted, zeroDivision: zeroDivision).Should().BeApproximately(noPredictedWeightedPrecision, Tolerance);
    }

    [Fact]
    public void SingleClassPresent_MatchesScikitLearn()
    {
        // single_class_*: every true label is 1
        Metrics.MatthewsCorrelation([1, 1, 1], [1, 0, 1]).Should().Be(0.0);
        Metrics.BalancedAccuracy([1, 1, 1], [1, 0, 1]).Should().BeApproximately(0.6666666666666666, Tolerance);
        Metrics.Recall([1, 1, 1], [1, 0, 1]).Should().BeApproximately(0.6666666666666666, Tolerance);
    }

    [Fact]
    public void BinaryAverage_RejectsMulticlassAndMissingPositiveLabel()
    {
        var multiclass = () => Metrics.F1(ClassLabels, ClassPredictions);
        multiclass.Should().Throw<ArgumentException>().WithMessage("*at most two labels*0, 1, 2, 3*");
        var missing = () => Metrics.Precision([0, 2], [2, 0]);
        missing.Should().Throw<ArgumentException>().WithMessage("*positive label 1*0, 2*");
        var badZeroDivision = () => Metrics.F1([0, 1], [0, 1], zeroDivision: 0.5);
        badZeroDivision.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*zeroDivision*0 or 1*");
    }

    [Fact]
    public void ConfusionMatrix_CountsAndNormalisations_MatchScikitLearn()
    {
        // cm_counts, cm_true, cm_pred, cm_all: class 3 is never true, so its normalised-by-true row is zeros
        int[] actual = [0, 1, 2, 2, 1, 0, 0, 2];
        int[] predicted = [0, 2, 2, 3, 1, 0, 1, 2];
        var matrix = ConfusionMatrix.Compute(actual, predicted, 4);
        Flatten(matrix.Counts()).Should().Equal([2.0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0]);
        Flatten(matrix.Normalized(ConfusionNormalization.True)).Should().Equal(
            [0.6666666666666666, 0.3333333333333333, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0.6666666666666666, 0.3333333333333333, 0, 0, 0, 0], Close);
        Flatten(matrix.Normalized(ConfusionNormalization.Predicted)).Should().Equal(
            [1.0, 0.5, 0, 0, 0, 0.5, 0.3333333333333333, 0, 0, 0, 0.6666666666666666, 1.0, 0, 0, 0, 0], Close);
        Flatten(matrix.Normalized(ConfusionNormalization.All)).Should().Equal(
            [0.25, 0.125, 0, 0, 0, 0.125, 0.125, 0, 0, 0, 0.25, 0.125, 0, 0, 0, 0], Close);
    }

    [Fact]
    public void ConfusionMatrix_LabelOutOfRange_NamesRowAndRange()
    {
        var act = () => ConfusionMatrix.Compute([0, 1, 5], [0, 1, 1], 3);
        act.Should().Throw<ArgumentException>().WithMessage("Row 2 has label 5; expected a class in [0, 3)*");
    }

    internal static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 || (double.IsNaN(a) && double.IsNaN(b));

    private static double[] Flatten<T>(T[,] matrix) => matrix.Cast<T>().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}

using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Evaluation;

/// <summary>Per-task metric lists, the decision threshold and custom metrics in a model's evaluation (values recomputed by hand from the evaluated rows).</summary>
[Collection(TorchCollection.Name)]
public sealed class TaskMetricListTests
{
    private static readonly IMetric Specificity = new CustomMetric("Specificity", true, MetricInput.Labels, d =>
    {
        int tn = 0, negatives = 0;
        for (int i = 0; i < d.RowCount; i++)
        {
            negatives += d.ActualLabels[i] == 0 ? 1 : 0;
            tn += d.ActualLabels[i] == 0 && d.PredictedLabels[i] == 0 ? 1 : 0;
        }

        return (double)tn / negatives;
    }, TaskKind.Binary);

    [Fact]
    public void Evaluate_UsesTheTasksMetricListAndThreshold()
    {
        var (x, _, targets) = Problems.ThreeTasks(60, seed: 11);
        TaskSpec[] tasks =
        [
            TaskSpec.Regression("value").WithMetrics(StandardMetrics.MedianAbsoluteError),
            TaskSpec.Binary("sign").WithDecisionThreshold(0.3).WithMetrics(StandardMetrics.F1, StandardMetrics.BrierScore, Specificity),
            TaskSpec.Multiclass("band", 3).WithMetrics(StandardMetrics.Accuracy, StandardMetrics.PerClassRecall),
        ];
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 12);

        EvaluationReport report = null!;
        Leak.AssertNone(() => report = model.Evaluate(data), "evaluation with custom metrics");

        var sign = report["sign"];
        sign.Metrics.Keys.Should().BeEquivalentTo(["F1", "Brier", "Specificity"]);
        var d = sign.Data!;
        int tp = 0, fp = 0, fn = 0, tn = 0;
        double brier = 0;
        for (int i = 0; i < d.RowCount; i++)
        {
            int y = d.ActualLabels[i], yHat = d.PredictedLabels[i];
            yHat.Should().Be(d.Scores[i] > 0.3 ? 1 : 0, "row {0} is labelled by the 0.3 threshold", i);
            (tp, fp, fn, tn) = (tp + (y & yHat), fp + ((1 - y) & yHat), fn + (y & (1 - yHat)), tn + ((1 - y) & (1 - yHat)));
            brier += (y - d.Scores[i]) * (y - d.Scores[i]);
        }

        sign["F1"].Should().BeApproximately(2.0 * tp / ((2 * tp) + fp + fn), 1e-12);
        sign["Brier"].Should().BeApproximately(brier / d.RowCount, 1e-12);
        sign["Specificity"].Should().BeApproximately((double)tn / (tn + fp), 1e-12);

        var value = report["value"];
        var errors = Enumerable.Range(0, value.Data!.RowCount).Select(i => Math.Abs(value.Data.ActualValues[i] - value.Data.PredictedValues[i])).Order().ToArray();
        value[MetricNames.MedianAbsoluteError].Should().BeApproximately((errors[29] + errors[30]) / 2, 1e-12);

        var band = report["band"].Data!;
        var recall = report["band"].PerClassMetrics[MetricNames.PerClassRecall];
        for (int c = 0; c < 3; c++)
        {
            var rows = Enumerable.Range(0, band.RowCount).Where(i => band.ActualLabels[i] == c).ToArray();
            recall[c].Should().BeApproximately((double)rows.Count(i => band.PredictedLabels[i] == c) / rows.Length, 1e-12);
        }
    }

    [Fact]
    public void SaveAndLoad_KeepsThresholdAndBuiltInMetrics()
    {
        TaskSpec[] tasks = [TaskSpec.Binary("sign").WithDecisionThreshold(0.3).WithMetrics(StandardMetrics.F1, StandardMetrics.AveragePrecision)];
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 13);
        using var folder = new TempDirectory();
        model.Save(folder.File("m.mtm"));
        using var loaded = MultiTaskModel.Load(folder.File("m.mtm"));

        loaded.Tasks[0].DecisionThreshold.Should().Be(0.3);
        loaded.Tasks[0].Metrics.Should().Equal("F1", "AveragePrecision");
    }

    [Fact]
    public void WithMetrics_MetricOfAnotherKind_NamesMetricAndTask()
    {
        var act = () => TaskSpec.Regression("price").WithMetrics(StandardMetrics.RocAuc);
        act.Should().Throw<ArgumentException>().WithMessage("Metric 'RocAuc' does not apply to task 'price' (Regression)*");
        var duplicate = () => TaskSpec.Binary("churn").WithMetrics(StandardMetrics.F1, StandardMetrics.F1);
        duplicate.Should().Throw<ArgumentException>().WithMessage("*'churn' lists metric 'F1' more than once*");
    }

    [Fact]
    public void WithDecisionThreshold_OutOfRangeOrNotBinary_Throws()
    {
        var range = () => TaskSpec.Binary("churn").WithDecisionThreshold(1.0);
        range.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'churn'*(0, 1)*");
        var kind = () => TaskSpec.Multiclass("segment", 3).WithDecisionThreshold(0.4);
        kind.Should().Throw<InvalidOperationException>().WithMessage("*'segment'*binary*");
    }

    [Fact]
    public void CopyingASpec_KeepsMetricsAndThreshold()
    {
        var task = TaskSpec.Binary("churn").WithMetrics(StandardMetrics.MatthewsCorrelation).WithDecisionThreshold(0.2).WithClassWeights([1.0, 3.0]).WithFocalLoss(1.5);
        task.DecisionThreshold.Should().Be(0.2);
        task.Metrics.Should().Equal(MetricNames.MatthewsCorrelation);
        MetricNames.HigherIsBetter(MetricNames.BrierScore).Should().BeFalse();
    }
}

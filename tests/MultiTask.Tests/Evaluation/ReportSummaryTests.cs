using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Evaluation;

/// <summary>Δm and fairness computed from evaluation reports, checked against the published formulas applied by hand to the report values.</summary>
[Collection(TorchCollection.Name)]
public sealed class ReportSummaryTests
{
    [Fact]
    public void DeltaM_FromReports_MatchesFormulaOnTheirValues()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(50, seed: 21);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var multi = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 22);
        var report = multi.Evaluate(data);
        var baselines = new List<EvaluationReport>();
        for (int t = 0; t < tasks.Length; t++)
        {
            using var single = MultiTaskModel.Create([tasks[t]], Trunks.Mlp(4, [8]), seed: 30 + t);
            using var singleData = MultiTaskDataset.FromArrays(x, [tasks[t]], [targets[t]]);
            baselines.Add(single.Evaluate(singleData));
        }

        var gain = MultiTaskGain.Compute(report, baselines, [MetricNames.RootMeanSquaredError, MetricNames.Accuracy]);

        // value: RMSE (lower is better); sign and band: accuracy (higher is better)
        double Change(string task, string metric, int sign) => sign * (report[task][metric] - baselines.Single(b => b.Tasks[0].Task.Name == task)[task][metric]) / baselines.Single(b => b.Tasks[0].Task.Name == task)[task][metric] * 100;
        double expected = (Change("value", "RMSE", -1) + Change("sign", "Accuracy", 1) + Change("band", "Accuracy", 1)) / 3;
        gain.Comparisons.Select(c => (c.Task, c.Metric)).Should().Equal(("value", "RMSE"), ("sign", "Accuracy"), ("band", "Accuracy"));
        gain.DeltaMPercent.Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void DeltaM_TaskWithoutBaseline_NamesTask()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(20, seed: 23);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var multi = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 24);
        var report = multi.Evaluate(data);
        var act = () => MultiTaskGain.Compute(report, []);
        act.Should().Throw<ArgumentException>().WithMessage("Task 'value' needs exactly one baseline report; 0 contain it*");
    }

    [Fact]
    public void Fairness_FromReport_UsesTheRowsGroups()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 25);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 26);
        var report = model.Evaluate(data);
        string[] groups = [.. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "even" : "odd")];

        var fairness = GroupFairness.Compute(report, "sign", groups);

        var d = report["sign"].Data!;
        double Selection(int parity) => Enumerable.Range(0, 40).Where(i => i % 2 == parity).Average(i => d.PredictedLabels[i]);
        double Accuracy(int parity) => Enumerable.Range(0, 40).Where(i => i % 2 == parity).Average(i => d.PredictedLabels[i] == d.ActualLabels[i] ? 1.0 : 0.0);
        fairness.Groups.Should().Equal("even", "odd");
        fairness.SelectionRates.Should().Equal([Selection(0), Selection(1)], (a, b) => Math.Abs(a - b) < 1e-12);
        fairness.DemographicParityDifference.Should().BeApproximately(Math.Abs(Selection(0) - Selection(1)), 1e-12);
        fairness.MetricsByGroup[1][MetricNames.Accuracy].Should().BeApproximately(Accuracy(1), 1e-12);
    }
}

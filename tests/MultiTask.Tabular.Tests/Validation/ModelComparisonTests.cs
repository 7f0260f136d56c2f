using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Tabular.Validation;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tabular.Tests.Validation;

[Collection(TorchCollection.Name)]
public sealed class ModelComparisonTests
{
    private const int Rows = 30;

    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("label")];

    private static readonly string[] Compared = [MetricNames.MeanSquaredError, MetricNames.Accuracy];

    [Fact]
    public void MetricDifference_PairedDifferenceAndStandardError_ByHand()
    {
        // differences 0.02, −0.01, 0.05: mean 0.02, sample variance (0 + 0.0009 + 0.0009) / 2 = 0.0009, sd 0.03,
        // se 0.03 / √3 ≈ 0.0173 < 0.02, so the difference exceeds its standard error.
        var d = new MetricDifference("label", "Accuracy", higherIsBetter: true, [0.80, 0.85, 0.90], [0.78, 0.86, 0.85]);
        d.Difference.Values.Should().Equal([0.02, -0.01, 0.05], (a, b) => Math.Abs(a - b) < 1e-12);
        d.Difference.Mean.Should().BeApproximately(0.02, 1e-12);
        d.Difference.StandardDeviation.Should().BeApproximately(0.03, 1e-12);
        d.Difference.StandardError.Should().BeApproximately(0.03 / Math.Sqrt(3), 1e-12);
        d.ExceedsStandardError.Should().BeTrue();
        d.MultiTaskIsBetter.Should().BeTrue();
        d.MultiTask.Mean.Should().BeApproximately(0.85, 1e-12);
        d.SingleTask.Mean.Should().BeApproximately(0.83, 1e-12);

        // MSE (lower is better) 1.0 vs 1.1, 1.2 vs 1.0: differences −0.1, 0.2, mean 0.05, sd √0.045 ≈ 0.212, se 0.15 > 0.05.
        var mse = new MetricDifference("value", "MSE", higherIsBetter: false, [1.0, 1.2], [1.1, 1.0]);
        mse.Difference.StandardError.Should().BeApproximately(Math.Sqrt(0.045) / Math.Sqrt(2), 1e-12);
        mse.ExceedsStandardError.Should().BeFalse();
        mse.MultiTaskIsBetter.Should().BeFalse();
    }

    [Fact]
    public void MetricDifference_UnpairedFolds_Throws()
    {
        var act = () => new MetricDifference("label", "Accuracy", true, [0.8, 0.9], [0.8]);
        act.Should().Throw<ArgumentException>().WithMessage("Task 'label', metric 'Accuracy': 2 multi-task fold values but 1 single-task ones*");
    }

    [Fact]
    public void Run_EveryModelOfAFoldTrainsOnTheFoldsRows_AndDeltaMPerFoldIsTheFormula()
    {
        var (features, targets) = Problem();
        var folds = features.KFold(new KFoldOptions { Folds = 3 });
        var recorder = new RecordingScaler();
        ModelComparisonResult result = null!;

        Leak.AssertNone(() => result = ModelComparison.Run(features, Tasks, targets, folds, recorder, MultiTaskModelOf, SingleTaskModelOf, Options, Weightings.Uncertainty(), Compared));

        // The preprocessing is fitted once per fold, on exactly that fold's training rows.
        recorder.FittedIds.Should().HaveCount(3);
        for (int f = 0; f < 3; f++)
        {
            recorder.FittedIds[f].Select(v => (int)v).Should().Equal(folds[f].TrainRows);
        }

        for (int f = 0; f < 3; f++)
        {
            // Each model, retrained by hand on the fold's training rows with the same seed, options and weighting
            // (uncertainty weighting for the multi-task model, none for a baseline), evaluates alike.
            var expectedMulti = TrainByHand(features, targets, folds[f], Tasks, MultiTaskModelOf, Weightings.Uncertainty());
            var multi = result.MultiTask.Reports[f];
            multi.RowCount.Should().Be(folds[f].TestRows.Count);
            foreach (string task in new[] { "value", "label" })
            {
                multi[task].Metrics.Should().Equal(expectedMulti[task].Metrics);
            }

            for (int t = 0; t < Tasks.Length; t++)
            {
                var single = result.SingleTask[t].Reports[f];
                single.Tasks.Select(e => e.Task.Name).Should().Equal(Tasks[t].Name);
                var expected = TrainByHand(features, [targets[t]], folds[f], [Tasks[t]], inputs => SingleTaskModelOf(Tasks[t], inputs));
                single[Tasks[t].Name].Metrics.Should().Equal(expected[Tasks[t].Name].Metrics);
            }

            // Δm of the fold: mean of −(MSEₘ − MSEₛ)/MSEₛ and (Accₘ − Accₛ)/Accₛ, in percent.
            double mseM = multi["value"][MetricNames.MeanSquaredError], mseS = result.SingleTask[0].Reports[f]["value"][MetricNames.MeanSquaredError];
            double accM = multi["label"][MetricNames.Accuracy], accS = result.SingleTask[1].Reports[f]["label"][MetricNames.Accuracy];
            double deltaM = (-(mseM - mseS) / mseS + (accM - accS) / accS) / 2 * 100;
            result.DeltaMPercent.Values[f].Should().BeApproximately(deltaM, 1e-9);
            result["value", MetricNames.MeanSquaredError].Difference.Values[f].Should().BeApproximately(mseM - mseS, 1e-12);
            result["label", MetricNames.Accuracy].Difference.Values[f].Should().BeApproximately(accM - accS, 1e-12);
        }

        result.Differences.Select(d => $"{d.Task}/{d.Metric}").Should().Equal("value/MSE", "label/Accuracy");
        var dm = result.DeltaMPercent.Values;
        result.DeltaMPercent.Mean.Should().BeApproximately(dm.Average(), 1e-12);
        result.DeltaMPercent.StandardDeviation.Should().BeApproximately(Math.Sqrt(dm.Sum(v => (v - dm.Average()) * (v - dm.Average())) / 2), 1e-12);
        string[] lines = result.FormatTable().Split(Environment.NewLine);
        lines.Should().HaveCount(4);
        lines[0].Should().StartWith("task   metric    multi-task");
        var accuracy = result["label", MetricNames.Accuracy];
        lines[2].Should().StartWith("label  Accuracy").And.EndWith((accuracy.ExceedsStandardError ? "yes" : "no ") + "   " + (accuracy.Difference.Mean > 0 ? "multi-task" : "single-task"));
        lines[3].Should().StartWith("Δm per fold: ");
    }

    [Fact]
    public void Run_TaskWeights_ThrowsNamingThem()
    {
        var (features, targets) = Problem();
        var folds = features.KFold(new KFoldOptions { Folds = 3 });
        var options = new TrainerOptions { Epochs = 1, TaskWeights = new Dictionary<string, double> { ["value"] = 2 } };
        var act = () => ModelComparison.Run(features, Tasks, targets, folds, null, MultiTaskModelOf, SingleTaskModelOf, options);
        act.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.TaskWeights name tasks a single-task baseline lacks*");
    }

    private static TrainerOptions Options => new() { Epochs = 3, BatchSize = 10, LearningRate = 1e-2, Seed = 1, Threads = 1 };

    private static MultiTaskModel MultiTaskModelOf(int inputs) => MultiTaskModel.Create(Tasks, Trunks.Mlp(inputs, [4]), seed: 2);

    private static MultiTaskModel SingleTaskModelOf(TaskSpec task, int inputs) => MultiTaskModel.Create([task], Trunks.Mlp(inputs, [4]), seed: 2);

    private static EvaluationReport TrainByHand(TabularData features, TaskTargets[] targets, TableFold fold, TaskSpec[] tasks, Func<int, MultiTaskModel> create, WeightingMethod? weighting = null)
    {
        var scaler = new StandardScaler().Fit(features.TakeRows(fold.TrainRows));
        float[,] xTrain = scaler.Transform(features.TakeRows(fold.TrainRows)).ToFeatureMatrix();
        float[,] xTest = scaler.Transform(features.TakeRows(fold.TestRows)).ToFeatureMatrix();
        using var all = MultiTaskDataset.FromArrays(new float[Rows, 1], tasks, targets);
        using var trainRows = all.Subset(fold.TrainRows);
        using var testRows = all.Subset(fold.TestRows);
        using var train = trainRows.WithFeatures(xTrain);
        using var test = testRows.WithFeatures(xTest);
        using var model = create(xTrain.GetLength(1));
        using (var trainer = new MultiTaskTrainer(model, Options, weighting))
        {
            trainer.Fit(train);
        }

        return model.Evaluate(test);
    }

    private static (TabularData Features, TaskTargets[] Targets) Problem()
    {
        var ids = Enumerable.Range(0, Rows).Select(i => (double)i).ToArray();
        var x = ids.Select(Math.Sin).ToArray();
        var labels = Enumerable.Range(0, Rows).Select(i => i % 5 < 2 ? 1 : 0).ToArray();
        var features = new TabularData([new NumericColumn("id", ids), new NumericColumn("x", x)]);
        return (features, [x.Select(v => 2 * v + 1).ToArray(), labels]);
    }
}

using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Tabular.Validation;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tabular.Tests.Validation;

[Collection(TorchCollection.Name)]
public sealed class CrossValidationTests
{
    private const int Rows = 30;

    [Fact]
    public void Run_FitsPreprocessingOnEachFoldsTrainingRowsOnly()
    {
        var (features, tasks, targets, table) = Problem();
        var folds = table.KFold(new KFoldOptions { Folds = 3, StratifyBy = "label" });
        var recorder = new RecordingScaler();

        var result = CrossValidation.Run(features, tasks, targets, folds, recorder, Model, Options);

        // The "id" column holds the row index: each fit saw exactly its fold's training rows and none of its test rows.
        recorder.FittedIds.Should().HaveCount(3);
        for (int f = 0; f < 3; f++)
        {
            recorder.FittedIds[f].Select(v => (int)v).Should().Equal(folds[f].TrainRows);
            recorder.FittedIds[f].Select(v => (int)v).Intersect(folds[f].TestRows).Should().BeEmpty();
            result.Reports[f].RowCount.Should().Be(folds[f].TestRows.Count);
        }

        // StratifiedKFold keeps the 12 / 18 class split: 4 positives in every 10-row test fold.
        folds.Select(f => f.TestRows.Count(r => targets[1].Labels![r] == 1)).Should().Equal(4, 4, 4);
        var accuracy = result["label", MetricNames.Accuracy];
        accuracy.Values.Should().Equal(result.Reports.Select(r => r["label"][MetricNames.Accuracy]));
        accuracy.Mean.Should().BeApproximately(accuracy.Values.Average(), 1e-12);
    }

    [Fact]
    public void MetricSummary_MeanStandardDeviationAndError_ByHand()
    {
        // values 0.8, 0.9, 1.0: mean 0.9, sample variance (0.01 + 0 + 0.01) / 2 = 0.01, sd 0.1, se 0.1 / √3
        var summary = new MetricSummary("label", "Accuracy", [0.8, 0.9, 1.0]);
        summary.Mean.Should().BeApproximately(0.9, 1e-12);
        summary.StandardDeviation.Should().BeApproximately(0.1, 1e-12);
        summary.StandardError.Should().BeApproximately(0.1 / Math.Sqrt(3), 1e-12);
    }

    [Fact]
    public void RepeatedKFold_RepeatRUsesSeedPlusR()
    {
        var (_, _, _, table) = Problem();
        var options = new KFoldOptions { Folds = 3, Shuffle = true, Seed = 7 };

        var folds = CrossValidation.RepeatedKFold(table, options, repeats: 2);

        folds.Should().HaveCount(6);
        var first = table.KFold(new KFoldOptions { Folds = 3, Shuffle = true, Seed = 7 });
        var second = table.KFold(new KFoldOptions { Folds = 3, Shuffle = true, Seed = 8 });
        folds.Select(f => f.TestRows).Should().BeEquivalentTo(first.Concat(second).Select(f => f.TestRows), o => o.WithStrictOrdering());
        folds.Take(3).SelectMany(f => f.TestRows).Order().Should().Equal(Enumerable.Range(0, Rows));
        folds.Skip(3).SelectMany(f => f.TestRows).Order().Should().Equal(Enumerable.Range(0, Rows));
    }

    [Fact]
    public void RepeatedKFold_WithoutShuffle_Throws()
    {
        var (_, _, _, table) = Problem();
        var act = () => CrossValidation.RepeatedKFold(table, new KFoldOptions { Folds = 3 }, repeats: 2);
        act.Should().Throw<ArgumentException>().WithMessage("Repeats = 2 needs KFoldOptions.Shuffle = true*");
    }

    [Fact]
    public void Run_FoldWithRowOutsideTable_NamesFoldAndRow()
    {
        var (features, tasks, targets, _) = Problem();
        TableFold[] folds = [new([0, 1, 2], [3, 40])];
        var act = () => CrossValidation.Run(features, tasks, targets, folds, null, Model, Options);
        act.Should().Throw<ArgumentException>().WithMessage("Fold 0 refers to row 40; the table has 30 rows*");
    }

    [Fact]
    public void Run_FeatureSelectorInThePipeline_IsRefittedOnEachFoldsTrainingRows()
    {
        // "spike" varies only on rows 0–9, the test rows of fold 0: fold 0's training rows see it constant, so the
        // variance threshold drops it there (1 input) and keeps it on folds 1 and 2 (2 inputs). Fitted on all rows,
        // it would keep it everywhere.
        var (_, tasks, targets, _) = Problem();
        var x = Enumerable.Range(0, Rows).Select(i => Math.Sin(i)).ToArray();
        var spike = Enumerable.Range(0, Rows).Select(i => i < 10 ? i + 1.0 : 0).ToArray();
        var features = new TabularData([new NumericColumn("x", x), new NumericColumn("spike", spike)]);
        var folds = features.KFold(new KFoldOptions { Folds = 3 });
        var inputs = new List<int>();

        CrossValidation.Run(features, tasks, targets, folds, new Pipeline(new VarianceThreshold(), new StandardScaler()), n =>
        {
            inputs.Add(n);
            return Model(n);
        }, Options);

        inputs.Should().Equal(1, 2, 2);
    }

    [Fact]
    public void Run_SupervisedSelector_IsFittedWithTheFoldsTrainingTargets()
    {
        var (features, tasks, targets, table) = Problem();
        var folds = table.KFold(new KFoldOptions { Folds = 3, StratifyBy = "label" });
        var selector = new RecordingSelector();

        CrossValidation.Run(features, tasks, targets, folds, new Pipeline(selector), Model, Options);

        selector.Fits.Should().HaveCount(3);
        for (int f = 0; f < 3; f++)
        {
            var (ids, values, labels) = selector.Fits[f];
            ids.Should().Equal(folds[f].TrainRows.Select(r => (double)r));
            values.Should().Equal(folds[f].TrainRows.Select(r => (float)(2 * Math.Sin(r))));
            labels.Should().Equal(folds[f].TrainRows.Select(r => r % 5 < 2 ? 1 : 0));
        }
    }

    private static TrainerOptions Options => new() { Epochs = 2, BatchSize = 10, Seed = 1, Threads = 1 };

    private static MultiTaskModel Model(int inputs) => MultiTaskModel.Create(
        [TaskSpec.Regression("value"), TaskSpec.Binary("label")], Trunks.Mlp(inputs, [4]), seed: 2);

    private static (TabularData Features, TaskSpec[] Tasks, TaskTargets[] Targets, TabularData Table) Problem()
    {
        var ids = Enumerable.Range(0, Rows).Select(i => (double)i).ToArray();
        var x = ids.Select(i => Math.Sin(i)).ToArray();
        var labels = Enumerable.Range(0, Rows).Select(i => i % 5 < 2 ? 1 : 0).ToArray();
        var features = new TabularData([new NumericColumn("id", ids), new NumericColumn("x", x)]);
        var table = new TabularData([new NumericColumn("id", ids), new NumericColumn("x", x), new NumericColumn("label", labels.Select(l => (double)l).ToArray())]);
        TaskSpec[] tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("label")];
        return (features, tasks, [x.Select(v => 2 * v).ToArray(), labels], table);
    }

    private sealed class RecordingSelector : ISupervisedTransformEstimator
    {
        public List<(double[] Ids, float[] Values, int[] Labels)> Fits { get; } = [];

        public IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
        {
            Fits.Add(([.. data.Numeric("id").Values], targets[0].Values!, targets[1].Labels!));
            return new VarianceThreshold().Fit(data);
        }
    }
}

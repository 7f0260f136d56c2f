using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Models;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tabular.Tests.Preprocessing;

[Collection(TorchCollection.Name)]
public sealed class ModelPreprocessingTests
{
    [Fact]
    public void ModelTrainedFromAPipeline_PredictsIdenticallyFromRawRowsAfterLoading()
    {
        FittedTransforms.Register(Affine.KindName, Affine.FromJson);
        var raw = RawTable(120, seed: 1);
        var fitted = new Pipeline(new AffineEstimator(), new KeepColumns("a", "b", "c")).Fit(raw);
        var features = fitted.Transform(raw).ToFeatureMatrix();
        var target = Enumerable.Range(0, 120).Select(i => (float)(raw.Numeric("a")[i] - raw.Numeric("c")[i])).ToArray();
        using var data = MultiTaskDataset.FromArrays(features, [TaskSpec.Regression("y")], [target]);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(3, [8]), seed: 2);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3 }))
        {
            trainer.Fit(data);
        }

        model.AttachPreprocessing(fitted);
        using var dir = new TempDirectory();
        model.Save(dir.File("m.mtm"));
        using var loaded = MultiTaskModel.Load(dir.File("m.mtm"));

        var fresh = RawTable(15, seed: 3);
        loaded.Predict(fresh).Regression("y").Values.Should().Equal(model.Predict(fresh).Regression("y").Values);
        loaded.Predict(fresh).Regression("y").Values.Should().Equal(model.Predict(fitted.Transform(fresh).ToFeatureMatrix()).Regression("y").Values);
        loaded.Preprocessing.Should().BeOfType<FittedPipeline>().Which.Steps.Should().HaveCount(2);
    }

    [Fact]
    public void AdultPipeline_SavedModelPredictsIdenticallyFromRawRows()
    {
        string[] names =
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ];
        var all = TabularCsv.Read(TestData.File("adult", "adult.data.gz"), new CsvReadOptions { HasHeader = false, ColumnNames = names });
        var (features, targets) = TaskColumns.Split(all.TakeRows(Enumerable.Range(0, 1500).ToArray()), "income");
        var pipeline = new ColumnTransformer()
            .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
            .Add("cat", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.MostFrequent }, new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }), ColumnKind.Categorical);
        var fitted = pipeline.Fit(features);
        var x = fitted.Transform(features).ToFeatureMatrix();
        var income = TaskColumns.Labels(targets.Categorical("income"), ["<=50K", ">50K"]);
        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Binary("income")], [income]);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(x.GetLength(1), [16]), seed: 4);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 128 }))
        {
            trainer.Fit(data);
        }

        model.AttachPreprocessing(fitted);
        using var dir = new TempDirectory();
        model.Save(dir.File("adult.mtm"));
        using var loaded = MultiTaskModel.Load(dir.File("adult.mtm"));

        var (raw, _) = TaskColumns.Split(all.TakeRows(Enumerable.Range(20_000, 200).ToArray()), "income");
        loaded.Predict(raw).Binary("income").Probabilities.Should().Equal(model.Predict(fitted.Transform(raw).ToFeatureMatrix()).Binary("income").Probabilities);
        loaded.Preprocessing!.Kind.Should().Be(fitted.Kind);
    }

    [Fact]
    public void AdultRawTableWorkflow_SplitFitSelectTrainAttach_PredictsIdenticallyFromRawRowsAfterLoading()
    {
        // The documented workflow: split the raw table, fit imputer + encoder + scaler + selector on the training rows
        // with the dataset's targets, train, attach the fitted pipeline, save, load, predict from raw rows.
        var all = PreprocessingData.Adult().Train.TakeRows(Enumerable.Range(0, 2000).ToArray());
        var split = all.Split(new TableSplitOptions { TestFraction = 0.25, StratifyBy = "income", Seed = 1 });
        var (features, taskColumns) = TaskColumns.Split(split.Train, "income");
        TaskSpec[] tasks = [TaskSpec.Binary("income")];
        TaskTargets[] targets = [TaskColumns.Labels(taskColumns.Categorical("income"), ["<=50K", ">50K"])];
        var pipeline = new Pipeline(
            new ColumnTransformer()
                .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
                .Add("cat", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.MostFrequent }, new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }), ColumnKind.Categorical),
            new VarianceThreshold(),
            new SelectKBest(ScoreFunction.FClassif, 12));

        var fitted = pipeline.Fit(features, tasks, targets);
        var x = fitted.Transform(features).ToFeatureMatrix();
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(x.GetLength(1), [16]), seed: 4);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 128 }))
        {
            trainer.Fit(data);
        }

        model.AttachPreprocessing(fitted);
        var (raw, _) = TaskColumns.Split(split.Test, "income");
        var before = model.Predict(raw).Binary("income").Probabilities;
        using var dir = new TempDirectory();
        model.Save(dir.File("adult.mtm"));
        using var loaded = MultiTaskModel.Load(dir.File("adult.mtm"));

        x.GetLength(1).Should().Be(12);
        split.TrainRows.Should().HaveCount(1500);
        loaded.Predict(raw).Binary("income").Probabilities.Should().Equal(before);
        before.Should().Equal(model.Predict(fitted.Transform(raw).ToFeatureMatrix()).Binary("income").Probabilities);
        loaded.Preprocessing.Should().BeOfType<FittedPipeline>().Which.Steps[^1].Should().BeOfType<FittedColumnSelection>()
            .Which.SelectedColumns.Should().HaveCount(12);
    }

    [Fact]
    public void ModelFile_WithAnUnknownPreprocessingField_IsAModelFileException_NamingFileAndField()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(4, [3]), seed: 1);
        model.AttachPreprocessing(new Pipeline(new StandardScaler()).Fit(RawTable(10, seed: 2)));
        using var dir = new TempDirectory();
        string path = dir.File("m.mtm");
        model.Save(path);
        var file = MultiTask.Tests.Serialization.ModelFileBytes.Read(path);
        file.Description["preprocessing"]!["steps"]![0]!["with_median"] = true;
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' has an invalid description: Invalid JSON for a 'standard-scaler' step: 'with_median' is not a field this library knows*");
    }

    [Fact]
    public void PredictFromRawRows_WithoutPreprocessing_SaysWhatToDo()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]));
        var act = () => model.Predict(RawTable(2, seed: 1));
        act.Should().Throw<InvalidOperationException>().WithMessage("*no preprocessing attached*AttachPreprocessing*");
    }

    [Fact]
    public void ColumnSelection_KeepsSelectedColumnsInInputOrder_AndRoundTripsThroughJson()
    {
        var table = RawTable(4, seed: 5);
        var selection = new FittedColumnSelection(["a", "b", "c", "d"], ["c", "a"], [3.0, 1.0, 2.0, 0.5]);

        var again = (FittedColumnSelection)FittedTransforms.FromJson(selection.ToJson());

        selection.Transform(table).ColumnNames.Should().Equal("a", "c");
        again.SelectedColumns.Should().Equal("a", "c");
        again.Scores.Should().Equal(3.0, 1.0, 2.0, 0.5);
    }

    private static TabularData RawTable(int rows, int seed)
    {
        var random = new Random(seed);
        double[] Column() => Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        return new TabularData([new NumericColumn("a", Column()), new NumericColumn("b", Column()), new NumericColumn("c", Column()), new NumericColumn("d", Column())]);
    }

    private sealed class KeepColumns(params string[] names) : ITransformEstimator
    {
        public IFittedTransform Fit(TabularData data) => new FittedColumnSelection(data.ColumnNames, names);
    }

    /// <summary>A test step: every column becomes 2x + (its fitted mean).</summary>
    private sealed class AffineEstimator : ITransformEstimator
    {
        public IFittedTransform Fit(TabularData data) => new Affine(data.Columns.Cast<NumericColumn>().ToDictionary(c => c.Name, c => c.Values.Average()));
    }

    private sealed class Affine(Dictionary<string, double> offsets) : IFittedTransform
    {
        public const string KindName = "test-affine";

        public string Kind => KindName;

        public TabularData Transform(TabularData data)
            => new(data.Columns.Cast<NumericColumn>().Select(c => (TabularColumn)new NumericColumn(c.Name, c.Values.Select(v => (2 * v) + offsets[c.Name]).ToArray())));

        public JsonObject ToJson() => new() { ["kind"] = KindName, ["offsets"] = new JsonObject(offsets.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))) };

        public static IFittedTransform FromJson(JsonObject json)
            => new Affine(json["offsets"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()));
    }
}

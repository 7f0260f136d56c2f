using System.Globalization;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests;

/// <summary>A model file written by MultiTask 0.1 (one assembly, before the package split) still loads and predicts.</summary>
[Collection(TorchCollection.Name)]
public sealed class EarlierModelFileTests
{
    [Fact]
    public void Version01FileWithAPipeline_LoadsAndPredictsWhatVersion01Predicted()
    {
        using var model = MultiTaskModel.Load(TestData.File("models", "v0.1-adult-pipeline.mtm"));
        var recorded = File.ReadAllLines(TestData.File("models", "v0.1-adult-pipeline.predictions.txt"))
            .Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray();

        string[] names =
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ];
        var all = TabularCsv.Read(TestData.File("adult", "adult.data.gz"), new CsvReadOptions { HasHeader = false, ColumnNames = names });
        var (raw, _) = TaskColumns.Split(all.TakeRows(Enumerable.Range(20_000, 20).ToArray()), "income");
        var predictions = model.Predict(raw);

        model.Preprocessing.Should().BeOfType<FittedColumnTransformer>();
        predictions.Binary("income").Probabilities.Should().Equal(recorded[..20], (a, b) => Math.Abs(a - b) <= 1e-6f);
        predictions.Regression("hours").Values.Should().Equal(recorded[20..], (a, b) => Math.Abs(a - b) <= 1e-6f);
    }
}

using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>RFE over the multi-task network as estimator, on problems whose relevant features are known by construction.</summary>
[Collection(TorchCollection.Name)]
public sealed class NetworkEstimatorTests
{
    [Fact]
    public void Rfe_WithTheNetwork_KeepsTheFeaturesTheTargetsDependOn()
    {
        // y = 2·x1 − 3·x4 (+ noise-free): only x1 and x4 matter, for both tasks (the second is y > 0).
        var random = new Random(3);
        const int rows = 400;
        var x = new double[rows, 6];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                x[i, j] = (random.NextDouble() * 2) - 1;
            }

            y[i] = (2 * x[i, 1]) - (3 * x[i, 4]);
        }

        var table = TabularData.FromMatrix(x, ["x0", "x1", "x2", "x3", "x4", "x5"]);
        SelectionTarget[] targets = [SelectionTarget.Regression("y", y), SelectionTarget.Classification("positive", y.Select(v => v > 0 ? 1 : 0).ToArray())];
        var rfe = new Rfe(new NetworkEstimator { HiddenSizes = [16] }) { FeatureCount = 2, Step = 2, Aggregation = TaskAggregation.Rank };

        var selection = (FittedColumnSelection)rfe.Fit(table, targets);

        selection.SelectedColumns.Should().Equal("x1", "x4");
    }

    [Fact]
    public void Score_IsTheR2OfTheTrainedNetwork()
    {
        var x = new double[200, 2];
        var y = new double[200];
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            x[i, 0] = random.NextDouble();
            x[i, 1] = random.NextDouble();
            y[i] = x[i, 0] + x[i, 1];
        }

        IImportanceModel? model = null;
        Leak.AssertNone(() => model = new NetworkEstimator().Fit(x, SelectionTarget.Regression("y", y)), "in a network fit");
        Leak.AssertNone(() => model!.Score(x, SelectionTarget.Regression("y", y)), "in scoring");

        model!.Score(x, SelectionTarget.Regression("y", y)).Should().BeGreaterThan(0.9, "a network fits a sum of two inputs");
        model.Importances.Should().HaveCount(2).And.OnlyContain(v => v > 0);
    }
}

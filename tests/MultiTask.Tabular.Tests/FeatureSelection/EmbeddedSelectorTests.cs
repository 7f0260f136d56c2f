using System.Text.Json.Nodes;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tests.TestUtilities;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>EmbeddedSelector against scikit-learn 1.2.1's SelectFromModel with the same model.</summary>
public sealed class EmbeddedSelectorTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void Lasso_DefaultThreshold_MatchesSelectFromModel(double alpha)
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var selection = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = alpha }).Fit(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        var expected = alpha == 1.0 ? R.SelectFromLassoDiabetesA1Support : R.SelectFromLassoDiabetesA10Support;
        selection.SelectedColumns.Should().Equal(expected.Select(j => $"x{j}"));
        var coefficients = new Lasso { Alpha = alpha }.Fit(x, y).Coefficients;
        selection.Scores.Should().Equal(coefficients.Select(Math.Abs));
    }

    [Fact]
    public void ElasticNet_NotPureL1_ThresholdsAtTheMeanImportance()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var selection = (FittedColumnSelection)new EmbeddedSelector(new ElasticNet { Alpha = 1.0, L1Ratio = 0.7 }).Fit(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        selection.SelectedColumns.Should().Equal(R.SelectFromElasticNetDiabetesA1R07Support.Select(j => $"x{j}"));
    }

    [Fact]
    public void MultiTaskLasso_Energy_MatchesSelectFromModel()
    {
        var d = ToyDatasets.EnergyEfficiency();
        var targets = new[] { SelectionTarget.Regression("heating", d.Targets[0]), SelectionTarget.Regression("cooling", d.Targets[1]) };

        var selection = (FittedColumnSelection)new EmbeddedSelector(new MultiTaskLasso { Alpha = 1.0 }).Fit(ModelSelectionData.Table(d.X), targets);

        selection.SelectedColumns.Should().Equal(R.SelectFromMultiTaskLassoEnergyA1Support.Select(j => $"x{j}"));
    }

    [Fact]
    public void MaxFeatures_KeepsTheMostImportant()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var selection = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = 0.1 }) { MaxFeatures = 4 }.Fit(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        selection.SelectedColumns.Should().Equal(R.SelectFromLassoDiabetesA01Max4Support.Select(j => $"x{j}"));
    }

    [Fact]
    public void ExplicitThreshold_KeepsImportancesAtOrAboveIt()
    {
        var (x, y) = ModelSelectionData.Diabetes();
        var importances = new Lasso { Alpha = 1.0 }.Fit(x, y).Coefficients.Select(Math.Abs).ToArray();
        double threshold = importances[3];

        var selection = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = 1.0 }) { Threshold = threshold }.Fit(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        selection.SelectedColumns.Should().Equal(Enumerable.Range(0, 10).Where(j => importances[j] >= threshold).Select(j => $"x{j}"));
        selection.SelectedColumns.Should().Contain("x3");
    }

    [Fact]
    public void SeveralTargets_MaxKeepsAFeatureUsefulToAnyTask()
    {
        // Task a uses x0 only and task b x1 only; x2 is noise. Each lasso zeroes the other task's feature.
        var random = new Random(5);
        int n = 300;
        var x = new double[n, 3];
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextDouble() - 0.5;
            }

            a[i] = 2 * x[i, 0];
            b[i] = -3 * x[i, 1];
        }

        var targets = new[] { SelectionTarget.Regression("a", a), SelectionTarget.Regression("b", b) };

        var selection = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = 0.05 }) { Aggregation = TaskAggregation.Max }.Fit(ModelSelectionData.Table(x), targets);

        selection.SelectedColumns.Should().Equal("x0", "x1");
        var single = new Lasso { Alpha = 0.05 }.Fit(x, a).Coefficients;
        selection.Scores![0].Should().Be(Math.Abs(single[0]));
    }

    [Fact]
    public void Selection_SurvivesItsJsonForm()
    {
        var (x, y) = ModelSelectionData.Diabetes();
        var table = ModelSelectionData.Table(x);
        var fitted = new EmbeddedSelector(new Lasso { Alpha = 10.0 }).Fit(table, ModelSelectionData.Regression(y));

        var reloaded = (FittedColumnSelection)FittedTransforms.FromJson(JsonNode.Parse(fitted.ToJson().ToJsonString())!.AsObject());

        reloaded.SelectedColumns.Should().Equal(((FittedColumnSelection)fitted).SelectedColumns);
        reloaded.Scores.Should().Equal(((FittedColumnSelection)fitted).Scores);
        reloaded.Transform(table).ColumnNames.Should().Equal(fitted.Transform(table).ColumnNames);
    }

    [Fact]
    public void RankAggregation_IsRejected()
    {
        FluentActions.Invoking(() => new EmbeddedSelector(new Lasso()) { Aggregation = TaskAggregation.Rank })
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Aggregation");
    }
}

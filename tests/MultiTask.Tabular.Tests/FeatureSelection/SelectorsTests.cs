using System.Text.Json.Nodes;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tests.TestUtilities;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>VarianceThreshold, SelectKBest and SelectPercentile select what scikit-learn 1.2.1 selects, ties included.</summary>
public sealed class SelectorsTests(ITestOutputHelper output)
{
    public static TheoryData<string> VarianceCases => ["BreastCancer", "Wine", "Diabetes", "Energy"];

    [Theory]
    [MemberData(nameof(VarianceCases))]
    public void VarianceThreshold_VariancesAndSupport_MatchScikitLearn(string name)
    {
        var data = name switch
        {
            "BreastCancer" => ToyDatasets.BreastCancer(),
            "Wine" => ToyDatasets.Wine(),
            "Diabetes" => ToyDatasets.Diabetes(),
            _ => ToyDatasets.EnergyEfficiency(),
        };
        var expected = (double[])typeof(R).GetField($"{name}Variances")!.GetValue(null)!;
        double median = (double)typeof(R).GetField($"{name}MedianVariance")!.GetValue(null)!;
        var support = (int[])typeof(R).GetField($"{name}VarianceSupportAtMedian")!.GetValue(null)!;

        var table = data.Table();
        double worst = new VarianceThreshold().Variances(table).ShouldMatch(expected, "variances");
        output.WriteLine($"max relative error, variances ({name}): {worst:E2}");
        new VarianceThreshold().Fit(table).SelectedColumns.Should().Equal(data.FeatureNames, "no column is constant");
        new VarianceThreshold { Threshold = median }.Fit(table).SelectedIndices().Should().Equal(support);
    }

    [Fact]
    public void VarianceThreshold_ConstantAndMissing_MatchScikitLearn()
    {
        // Wine columns 0-2, a constant 3.7, then column 3 with a missing value at row 5 (np.nanvar ignores it).
        var wine = ToyDatasets.Wine();
        var x = wine.X.Columns([0, 1, 2, 0, 3]);
        for (int i = 0; i < x.GetLength(0); i++)
        {
            x[i, 3] = 3.7;
        }

        x[5, 4] = double.NaN;
        var table = TabularData.FromMatrix(x, ["a", "b", "c", "constant", "d"]);
        new VarianceThreshold().Variances(table).ShouldMatch(R.WineWithConstantAndMissingVariances, "variances");
        var selection = new VarianceThreshold().Fit(table);
        selection.SelectedIndices().Should().Equal(R.WineWithConstantAndMissingSupport);
        selection.SelectedColumns.Should().NotContain("constant");
    }

    [Fact]
    public void VarianceThreshold_IsAnUnsupervisedPipelineStep()
    {
        var table = TabularData.FromMatrix(new double[,] { { 1, 5, 0 }, { 2, 5, 0 }, { 4, 5, 1 } }, ["a", "constant", "b"]);
        var fitted = new Pipeline(new VarianceThreshold()).Fit(table);
        fitted.Transform(table).ColumnNames.Should().Equal("a", "b");
    }

    public static TheoryData<string> SelectionCases =>
        ["BreastCancerFClassif", "WineFClassif", "BreastCancerChi2", "WineChi2", "DiabetesFRegression", "EnergyHeatingFRegression", "LinnerudPulseFRegression"];

    [Theory]
    [MemberData(nameof(SelectionCases))]
    public void SelectKBestAndSelectPercentile_Supports_MatchScikitLearn(string name)
    {
        var (data, target, function) = SelectionCase(name);
        int checkedCount = 0;
        foreach (int k in new[] { 1, 3, 5, 10 })
        {
            if (typeof(R).GetField($"{name}K{k}")?.GetValue(null) is int[] expected)
            {
                new SelectKBest(function, k).Fit(data, [target]).SelectedIndices().Should().Equal(expected, $"k = {k}");
                checkedCount++;
            }
        }

        foreach (int q in new[] { 10, 25, 33, 50, 90 })
        {
            var expected = (int[])typeof(R).GetField($"{name}Percentile{q}")!.GetValue(null)!;
            new SelectPercentile(function, q).Fit(data, [target]).SelectedIndices().Should().Equal(expected, $"percentile {q}");
            checkedCount++;
        }

        checkedCount.Should().BeGreaterThanOrEqualTo(7);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void SelectKBest_TiedScores_BreakTiesAsScikitLearn(int k)
    {
        // Duplicated wine columns have bit-identical F-scores; the stable argsort keeps the later duplicate.
        var wine = ToyDatasets.Wine();
        var table = TabularData.FromMatrix(wine.X.Columns(R.TieColumns), R.TieColumns.Select((c, j) => $"f{j}_col{c}").ToArray());
        var expected = (int[])typeof(R).GetField($"TieK{k}")!.GetValue(null)!;
        new SelectKBest(ScoreFunction.FClassif, k).Fit(table, [wine.ClassTarget()]).SelectedIndices().Should().Equal(expected);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(25)]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(75)]
    [InlineData(80)]
    [InlineData(90)]
    public void SelectPercentile_TiedScores_FollowScikitLearnsThresholdAndTieRule(int percentile)
    {
        var wine = ToyDatasets.Wine();
        var table = TabularData.FromMatrix(wine.X.Columns(R.TieColumns), R.TieColumns.Select((c, j) => $"f{j}_col{c}").ToArray());
        var expected = (int[])typeof(R).GetField($"TiePercentile{percentile}")!.GetValue(null)!;
        new SelectPercentile(ScoreFunction.FClassif, percentile).Fit(table, [wine.ClassTarget()]).SelectedIndices().Should().Equal(expected);
    }

    [Fact]
    public void SelectPercentile_ZeroAndHundred_KeepNoneAndAll()
    {
        var wine = ToyDatasets.Wine();
        new SelectPercentile(ScoreFunction.FClassif, 0).Fit(wine.Table(), [wine.ClassTarget()]).SelectedColumns.Should().BeEmpty();
        new SelectPercentile(ScoreFunction.FClassif, 100).Fit(wine.Table(), [wine.ClassTarget()]).SelectedColumns.Should().Equal(wine.FeatureNames);
    }

    [Fact]
    public void NumpyPercentile_MatchesNumpyInterpolation()
    {
        // np.percentile([1, 2, 4, 7, 11], q) for q = 0, 10, 37.5, 50, 90, 100 is 1, 1.4, 3, 4, 9.4, 11.
        var values = new double[] { 7, 1, 11, 2, 4 };
        SupportMasks.NumpyPercentile(values, 0).Should().Be(1);
        SupportMasks.NumpyPercentile(values, 10).Should().BeApproximately(1.4, 1e-15);
        SupportMasks.NumpyPercentile(values, 37.5).Should().Be(3);
        SupportMasks.NumpyPercentile(values, 50).Should().Be(4);
        SupportMasks.NumpyPercentile(values, 90).Should().BeApproximately(9.4, 1e-15);
        SupportMasks.NumpyPercentile(values, 100).Should().Be(11);
    }

    [Fact]
    public void Fit_StoresCombinedScores_AndSelectFromScoresEqualsFit()
    {
        var bc = ToyDatasets.BreastCancer();
        var selector = new SelectKBest(ScoreFunction.FClassif, 5);
        var scores = selector.ScoreFeatures(bc.Table(), [bc.ClassTarget()]);
        var fitted = selector.Fit(bc.Table(), [bc.ClassTarget()]);
        fitted.Scores!.ShouldMatch(R.BreastCancerFClassifScores, "stored scores");
        selector.Select(scores).SelectedColumns.Should().Equal(fitted.SelectedColumns);
        scores.ForTask("diagnosis").PValues!.ShouldMatch(R.BreastCancerFClassifPValues, "p", absolute: 1e-300);
        fitted.Transform(bc.Table()).ColumnNames.Should().Equal(R.BreastCancerFClassifK5.Select(j => bc.FeatureNames[j]));
    }

    [Fact]
    public void FittedSelection_WithUndefinedScores_RoundTripsThroughJson()
    {
        // A constant column has a NaN F-score; JSON has no NaN, so the stored score is double.MinValue.
        var wine = ToyDatasets.Wine();
        var x = wine.X.Columns([0, 6, 9]);
        for (int i = 0; i < x.GetLength(0); i++)
        {
            x[i, 1] = 0;
        }

        var fitted = new SelectKBest(ScoreFunction.FClassif, 2).Fit(TabularData.FromMatrix(x, ["a", "zero", "b"]), [wine.ClassTarget()]);
        fitted.SelectedColumns.Should().Equal("a", "b");
        fitted.Scores![1].Should().Be(double.MinValue);
        var json = fitted.ToJson().ToJsonString();
        var back = (FittedColumnSelection)FittedTransforms.FromJson(JsonNode.Parse(json)!.AsObject());
        back.SelectedColumns.Should().Equal("a", "b");
        back.Scores.Should().Equal(fitted.Scores);
    }

    internal static (TabularData Data, SelectionTarget Target, ScoreFunction Function) SelectionCase(string name) => name switch
    {
        "BreastCancerFClassif" => (ToyDatasets.BreastCancer().Table(), ToyDatasets.BreastCancer().ClassTarget(), ScoreFunction.FClassif),
        "WineFClassif" => (ToyDatasets.Wine().Table(), ToyDatasets.Wine().ClassTarget(), ScoreFunction.FClassif),
        "BreastCancerChi2" => (ToyDatasets.BreastCancer().Table(), ToyDatasets.BreastCancer().ClassTarget(), ScoreFunction.Chi2),
        "WineChi2" => (ToyDatasets.Wine().Table(), ToyDatasets.Wine().ClassTarget(), ScoreFunction.Chi2),
        "DiabetesFRegression" => (ToyDatasets.Diabetes().Table(), ToyDatasets.Diabetes().RegressionTarget(), ScoreFunction.FRegression),
        "EnergyHeatingFRegression" => (ToyDatasets.EnergyEfficiency().Table(), ToyDatasets.EnergyEfficiency().RegressionTarget(0), ScoreFunction.FRegression),
        "LinnerudPulseFRegression" => (ToyDatasets.Linnerud().Table(), ToyDatasets.Linnerud().RegressionTarget(2), ScoreFunction.FRegression),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

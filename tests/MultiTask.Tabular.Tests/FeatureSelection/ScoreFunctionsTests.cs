using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>F-test, chi² and correlation scores and p-values equal scikit-learn 1.2.1's on real data.</summary>
public sealed class ScoreFunctionsTests(ITestOutputHelper output)
{
    // p-values: 1e-6 relative, or 1e-300 absolute for the ones that underflow towards zero.
    private const double PValueFloor = 1e-300;

    [Fact]
    public void FClassif_BreastCancerAndWine_MatchScikitLearn()
    {
        var bc = ToyDatasets.BreastCancer();
        var wine = ToyDatasets.Wine();
        var a = ScoreFunctions.FClassif(bc.X, bc.Labels());
        var b = ScoreFunctions.FClassif(wine.X, wine.Labels());
        Report("f_classif scores", a.Scores.ShouldMatch(R.BreastCancerFClassifScores, "breast cancer F"), b.Scores.ShouldMatch(R.WineFClassifScores, "wine F"));
        Report("f_classif p-values", a.PValues!.ShouldMatch(R.BreastCancerFClassifPValues, "breast cancer p", absolute: PValueFloor), b.PValues!.ShouldMatch(R.WineFClassifPValues, "wine p", absolute: PValueFloor));
    }

    [Fact]
    public void Chi2_BreastCancerAndWine_MatchScikitLearn()
    {
        var bc = ToyDatasets.BreastCancer();
        var wine = ToyDatasets.Wine();
        var a = ScoreFunctions.Chi2(bc.X, bc.Labels());
        var b = ScoreFunctions.Chi2(wine.X, wine.Labels());
        Report("chi2 scores", a.Scores.ShouldMatch(R.BreastCancerChi2Scores, "breast cancer chi2"), b.Scores.ShouldMatch(R.WineChi2Scores, "wine chi2"));
        Report("chi2 p-values", a.PValues!.ShouldMatch(R.BreastCancerChi2PValues, "breast cancer p", absolute: PValueFloor), b.PValues!.ShouldMatch(R.WineChi2PValues, "wine p", absolute: PValueFloor));
    }

    public static TheoryData<string> RegressionCases => ["Diabetes", "LinnerudWeight", "LinnerudWaist", "LinnerudPulse", "EnergyHeating", "EnergyCooling"];

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void FRegressionAndRRegression_MatchScikitLearn(string name)
    {
        var (x, y) = RegressionCase(name);
        var expectedF = (double[])typeof(R).GetField($"{name}FRegressionScores")!.GetValue(null)!;
        var expectedP = (double[])typeof(R).GetField($"{name}FRegressionPValues")!.GetValue(null)!;
        var expectedR = (double[])typeof(R).GetField($"{name}RRegression")!.GetValue(null)!;
        var f = ScoreFunctions.FRegression(x, y);
        var r = ScoreFunctions.RRegression(x, y);
        Report($"f_regression scores ({name})", f.Scores.ShouldMatch(expectedF, $"{name} F"));
        Report($"f_regression p-values ({name})", f.PValues!.ShouldMatch(expectedP, $"{name} p", absolute: PValueFloor));
        Report($"r_regression ({name})", r.Scores.ShouldMatch(expectedR, $"{name} r"));
        r.PValues.Should().BeNull();
    }

    [Fact]
    public void FRegression_Uncentered_MatchesScikitLearn()
    {
        var d = ToyDatasets.Diabetes();
        var f = ScoreFunctions.FRegression(d.X, d.Targets[0], center: false);
        Report("f_regression center=False scores", f.Scores.ShouldMatch(R.DiabetesFRegressionUncenteredScores, "F"));
        Report("f_regression center=False p-values", f.PValues!.ShouldMatch(R.DiabetesFRegressionUncenteredPValues, "p", absolute: PValueFloor));
    }

    [Fact]
    public void FClassif_OnDuplicatedColumns_GivesBitIdenticalScoresForTies()
    {
        var wine = ToyDatasets.Wine();
        var scores = ScoreFunctions.FClassif(wine.X.Columns(R.TieColumns), wine.Labels()).Scores;
        scores.ShouldMatch(R.TieFClassifScores, "F");
        scores[1].Should().Be(scores[2]);
        scores[0].Should().Be(scores[4]);
        scores[5].Should().Be(scores[6]);
    }

    /// <summary>Centred sums are shift-invariant: a large offset (where raw moments cancel) changes nothing beyond its own rounding.</summary>
    [Fact]
    public void Scores_OfAFeatureWithALargeOffset_EqualTheScoresWithoutIt()
    {
        var d = ToyDatasets.Diabetes();
        var shifted = (double[,])d.X.Clone();
        for (int i = 0; i < shifted.GetLength(0); i++)
        {
            for (int j = 0; j < shifted.GetLength(1); j++)
            {
                shifted[i, j] += 1e9;
            }
        }

        ScoreFunctions.FRegression(shifted, d.Targets[0]).Scores.ShouldMatch(ScoreFunctions.FRegression(d.X, d.Targets[0]).Scores, "F", relative: 1e-6);
        var labels = d.Targets[0].Select(v => v > 140 ? 1 : 0).ToArray();
        ScoreFunctions.FClassif(shifted, labels).Scores.ShouldMatch(ScoreFunctions.FClassif(d.X, labels).Scores, "F", relative: 1e-6);
    }

    internal static (double[,] X, double[] Y) RegressionCase(string name) => name switch
    {
        "Diabetes" => (ToyDatasets.Diabetes().X, ToyDatasets.Diabetes().Targets[0]),
        "LinnerudWeight" => (ToyDatasets.Linnerud().X, ToyDatasets.Linnerud().Targets[0]),
        "LinnerudWaist" => (ToyDatasets.Linnerud().X, ToyDatasets.Linnerud().Targets[1]),
        "LinnerudPulse" => (ToyDatasets.Linnerud().X, ToyDatasets.Linnerud().Targets[2]),
        "EnergyHeating" => (ToyDatasets.EnergyEfficiency().X, ToyDatasets.EnergyEfficiency().Targets[0]),
        "EnergyCooling" => (ToyDatasets.EnergyEfficiency().X, ToyDatasets.EnergyEfficiency().Targets[1]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private void Report(string what, params double[] worst) => output.WriteLine($"max relative error, {what}: {worst.Max():E2}");
}

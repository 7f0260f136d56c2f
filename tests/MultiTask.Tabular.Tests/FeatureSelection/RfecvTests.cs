using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>RFECV's chosen feature count, ranking and mean CV scores against scikit-learn 1.2.1.</summary>
public sealed class RfecvTests(ITestOutputHelper output)
{
    [Fact]
    public void LinearRegression_Diabetes_KFold5_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfecv(new LinearRegression()).Run(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        output.WriteLine($"mean score max rel error {ModelSelectionData.MaxRelativeError(result.MeanTestScores, R.RfecvLinearDiabetesMeanScores):E2}, std {ModelSelectionData.MaxRelativeError(result.StdTestScores, R.RfecvLinearDiabetesStdScores):E2}");
        result.FeatureCount.Should().Be(R.RfecvLinearDiabetesFeatures);
        result.Ranking.Should().Equal(R.RfecvLinearDiabetesRanking);
        result.FeatureCounts.Should().Equal(Enumerable.Range(1, 10));
        ModelSelectionData.ShouldMatch(result.MeanTestScores, R.RfecvLinearDiabetesMeanScores, 1e-9);
        ModelSelectionData.ShouldMatch(result.StdTestScores, R.RfecvLinearDiabetesStdScores, 1e-8);
        result.SplitTestScores.Should().HaveCount(5);
    }

    [Fact]
    public void LinearRegression_Diabetes_Step3_Cv3_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfecv(new LinearRegression()) { Step = 3, Folds = 3, MinFeaturesToSelect = 2 }.Run(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.FeatureCount.Should().Be(R.RfecvLinearDiabetesStep3Features);
        result.Ranking.Should().Equal(R.RfecvLinearDiabetesStep3Ranking);
        result.FeatureCounts.Should().Equal(2, 4, 7, 10);
        ModelSelectionData.ShouldMatch(result.MeanTestScores, R.RfecvLinearDiabetesStep3MeanScores, 1e-9);
    }

    [Fact]
    public void LogisticRegression_BreastCancer_StratifiedAccuracy_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.CancerStandardised();

        var result = new Rfecv(new LogisticRegression()).Run(ModelSelectionData.Table(x), ModelSelectionData.Classification(y));

        result.FeatureCount.Should().Be(R.RfecvLogisticCancerFeatures);
        result.Ranking.Should().Equal(R.RfecvLogisticCancerRanking);
        ModelSelectionData.ShouldMatch(result.MeanTestScores, R.RfecvLogisticCancerMeanScores, 1e-12);
    }

    [Fact]
    public void LogisticRegression_Wine_TiedBestScores_ChooseTheFewestFeatures()
    {
        // 8, 9 and 10 features tie at the best mean accuracy; scikit-learn (argmax over the reversed sums) keeps 8.
        var (x, y) = ModelSelectionData.WineStandardised();

        var result = new Rfecv(new LogisticRegression()) { Folds = 4 }.Run(ModelSelectionData.Table(x), ModelSelectionData.Classification(y));

        result.FeatureCount.Should().Be(R.RfecvLogisticWineFeatures);
        result.Ranking.Should().Equal(R.RfecvLogisticWineRanking);
        ModelSelectionData.ShouldMatch(result.MeanTestScores, R.RfecvLogisticWineMeanScores, 1e-12);
    }

    [Fact]
    public void FewerRowsThanFolds_IsRejected_NamingBothNumbers()
    {
        var x = new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 } };

        FluentActions.Invoking(() => new Rfecv(new LinearRegression()).Run(ModelSelectionData.Table(x), ModelSelectionData.Regression([1.0, 2.0, 3.0], "price")))
            .Should().Throw<ArgumentException>().WithParameterName("targets").WithMessage("*'price' has 3 labelled rows, fewer than the 5 cross-validation folds*");
    }

    [Fact]
    public void EveryClassSmallerThanTheFolds_IsRejected()
    {
        var x = new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 }, { 4, 4 }, { 5, 0 }, { 6, 1 } };

        FluentActions.Invoking(() => new Rfecv(new LogisticRegression()).Run(ModelSelectionData.Table(x), ModelSelectionData.Classification([0, 1, 0, 1, 2, 2], "kind")))
            .Should().Throw<ArgumentException>().WithMessage("*'kind': every class has fewer rows than the 5 cross-validation folds*");
    }

    [Fact]
    public void SeveralTasks_ReportPerTaskScores_AndTheirMean()
    {
        var (x, y) = ModelSelectionData.Diabetes();
        var shifted = y.Select(v => (2 * v) + 1).ToArray();

        var result = new Rfecv(new LinearRegression()).Run(
            ModelSelectionData.Table(x),
            [SelectionTarget.Regression("a", y), SelectionTarget.Regression("b", shifted)]);

        // An affine copy of the target has the same R² and the same importance order, so the choice is the single-task one.
        result.FeatureCount.Should().Be(R.RfecvLinearDiabetesFeatures);
        ModelSelectionData.ShouldMatch(result.TaskMeanTestScores["a"], R.RfecvLinearDiabetesMeanScores, 1e-9);
        ModelSelectionData.ShouldMatch(result.TaskMeanTestScores["b"], R.RfecvLinearDiabetesMeanScores, 1e-9);
        ModelSelectionData.ShouldMatch(result.MeanTestScores, R.RfecvLinearDiabetesMeanScores, 1e-9);
    }
}

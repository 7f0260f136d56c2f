using MultiTask.Data;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using MultiTask.Tests.TestUtilities;
using M = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>Selectors take the dataset's tasks and targets (TaskSpec + TaskTargets, as MultiTaskDataset.FromArrays) and select what scikit-learn 1.2.1 selects.</summary>
public sealed class TaskTargetsSelectionTests
{
    [Fact]
    public void SelectKBest_WithDatasetTargets_MatchesScikitLearn_ForLabelsAsIntegersOrWholeFloats()
    {
        var wine = ToyDatasets.Wine();
        TaskSpec[] tasks = [TaskSpec.Multiclass("cultivar", 3)];
        int[] labels = wine.Labels();

        new SelectKBest(ScoreFunction.FClassif, 5).Fit(wine.Table(), tasks, [labels]).SelectedIndices().Should().Equal(R.WineFClassifK5);
        new SelectKBest(ScoreFunction.FClassif, 5).Fit(wine.Table(), tasks, [labels.Select(l => (float)l).ToArray()]).SelectedIndices().Should().Equal(R.WineFClassifK5);
    }

    [Fact]
    public void RegressionSelectors_WithDatasetTargets_MatchScikitLearn()
    {
        // The diabetes targets are whole numbers, so TaskTargets' float32 holds them exactly.
        var diabetes = ToyDatasets.Diabetes();
        TaskSpec[] tasks = [TaskSpec.Regression("progression")];
        TaskTargets[] targets = [diabetes.Targets[0]];

        new SelectKBest(ScoreFunction.FRegression, 3).Fit(diabetes.Table(), tasks, targets).SelectedIndices().Should().Equal(R.DiabetesFRegressionK3);
        new Rfe(new LinearRegression()) { FeatureCount = 3 }.Rank(diabetes.Table(), tasks, targets).Ranking.Should().Equal(M.RfeLinearDiabetes3Ranking);
    }

    [Fact]
    public void MissingTargets_AreLeftOutOfThatTaskOnly()
    {
        // Wine with labels missing (NaN) on rows 0-9: the same selection as scikit-learn on rows 10..177 alone.
        var wine = ToyDatasets.Wine();
        var labels = wine.Labels().Select((l, i) => i < 10 ? float.NaN : l).ToArray();
        var rest = Enumerable.Range(10, wine.X.GetLength(0) - 10).ToArray();

        var withMissing = new SelectKBest(ScoreFunction.FClassif, 3).Fit(wine.Table(), [TaskSpec.Multiclass("cultivar", 3)], [labels]);
        var onRest = new SelectKBest(ScoreFunction.FClassif, 3).Fit(wine.Table().TakeRows(rest), [TaskSpec.Multiclass("cultivar", 3)], [rest.Select(i => wine.Labels()[i]).ToArray()]);

        withMissing.SelectedColumns.Should().Equal(onRest.SelectedColumns);
        withMissing.Scores.Should().Equal(onRest.Scores);
    }

    [Fact]
    public void TargetsThatDoNotFitTheirTask_AreNamed()
    {
        var wine = ToyDatasets.Wine();
        var selector = new SelectKBest(ScoreFunction.FClassif, 2);
        var regression = new SelectKBest(ScoreFunction.FRegression, 2);
        int[] labels = wine.Labels();

        selector.Invoking(s => s.Fit(wine.Table(), [TaskSpec.Binary("cultivar")], [labels]))
            .Should().Throw<ArgumentException>().WithMessage("Class label 2 at row 130 of task 'cultivar' is not a class: expected 0 to 1*");
        selector.Invoking(s => s.Fit(wine.Table(), [TaskSpec.Multiclass("cultivar", 3)], [labels.Select(l => l + 0.5f).ToArray()]))
            .Should().Throw<ArgumentException>().WithMessage("Class label 0.5 at row 0 of task 'cultivar'*");
        regression.Invoking(s => s.Fit(wine.Table(), [TaskSpec.Regression("alcohol")], [labels]))
            .Should().Throw<ArgumentException>().WithMessage("*regression task 'alcohol' must be real values*");
        selector.Invoking(s => s.Fit(wine.Table(), [TaskSpec.Multiclass("cultivar", 3), TaskSpec.Binary("b")], [labels]))
            .Should().Throw<ArgumentException>().WithMessage("Got 2 task(s) but 1 target array(s)*");
    }
}

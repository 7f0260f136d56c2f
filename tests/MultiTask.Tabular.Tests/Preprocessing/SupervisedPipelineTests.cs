using MultiTask.Data;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Tests.FeatureSelection;
using MultiTask.Tests.TestUtilities;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>Selectors as pipeline steps: supervised steps receive the dataset's targets, and the fitted pipeline keeps the selection.</summary>
public sealed class SupervisedPipelineTests
{
    [Fact]
    public void SelectorAfterScaler_SelectsWhatScikitLearnSelectsOnTheRawColumns()
    {
        // The F-test is invariant to a per-column affine map, so standardising first leaves scikit-learn's SelectKBest(f_classif, 5) support.
        var wine = ToyDatasets.Wine();

        var fitted = new Pipeline(new StandardScaler(), new SelectKBest(ScoreFunction.FClassif, 5))
            .Fit(wine.Table(), [TaskSpec.Multiclass("cultivar", 3)], [wine.Labels()]);

        fitted.Steps[^1].Should().BeOfType<FittedColumnSelection>().Which.SelectedIndices().Should().Equal(R.WineFClassifK5);
        fitted.Transform(wine.Table()).ColumnNames.Should().Equal(R.WineFClassifK5.Select(j => wine.FeatureNames[j]));
    }

    [Fact]
    public void FittedPipelineWithSelection_RoundTripsThroughJson()
    {
        var wine = ToyDatasets.Wine();
        var fitted = new Pipeline(new StandardScaler(), new Pipeline(new VarianceThreshold(), new SelectKBest(ScoreFunction.FClassif, 3)))
            .Fit(wine.Table(), [TaskSpec.Multiclass("cultivar", 3)], [wine.Labels()]);

        var back = FittedTransforms.FromJson(fitted.ToJson());

        back.Transform(wine.Table()).ColumnNames.Should().Equal(R.WineFClassifK3.Select(j => wine.FeatureNames[j]));
        back.Transform(wine.Table()).ToNumericMatrix().Should().BeEquivalentTo(fitted.Transform(wine.Table()).ToNumericMatrix());
    }

    [Fact]
    public void FitWithoutTargets_NamesTheStepThatNeedsThem()
    {
        var wine = ToyDatasets.Wine();
        var pipeline = new Pipeline(new StandardScaler(), new SelectKBest(ScoreFunction.FClassif, 3));

        pipeline.IsSupervised.Should().BeTrue();
        pipeline.Invoking(p => p.Fit(wine.Table())).Should().Throw<InvalidOperationException>()
            .WithMessage("Step 1 (SelectKBest) learns from targets; fit the pipeline with Fit(data, tasks, targets).");
        new Pipeline(new StandardScaler(), new VarianceThreshold()).IsSupervised.Should().BeFalse("VarianceThreshold needs no targets");
    }
}

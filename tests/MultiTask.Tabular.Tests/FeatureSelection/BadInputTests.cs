using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>Degenerate and invalid input gets the documented value or a clear error naming the column or task.</summary>
public sealed class BadInputTests
{
    private static readonly int[] Labels = [0, 1, 0, 1, 1, 0, 2];

    private static double[,] WithConstants()
    {
        // Column 0 varies; column 1 is constant 0; column 2 constant 3.7 (scikit-learn: NaN for 0, rounding noise −2 for 3.7).
        var rng = new Random(0);
        var x = new double[7, 3];
        for (int i = 0; i < 7; i++)
        {
            x[i, 0] = rng.NextDouble();
            x[i, 2] = 3.7;
        }

        return x;
    }

    [Fact]
    public void FClassif_ConstantColumn_ScoresNaNWithNaNPValue()
    {
        var f = ScoreFunctions.FClassif(WithConstants(), Labels);
        f.Scores[0].Should().BeGreaterThan(0);
        f.Scores.Skip(1).Should().Equal(double.NaN, double.NaN);
        f.PValues!.Skip(1).Should().Equal(double.NaN, double.NaN);
    }

    [Fact]
    public void FClassif_ConstantWithinEachClass_ScoresInfinityWithZeroPValue()
    {
        // scikit-learn: f_classif([[1],[1],[1],[2],[2],[2],[2]], [0,0,0,1,1,1,1]) = (inf, 0).
        var x = new double[,] { { 1 }, { 1 }, { 1 }, { 2 }, { 2 }, { 2 }, { 2 } };
        var f = ScoreFunctions.FClassif(x, [0, 0, 0, 1, 1, 1, 1]);
        f.Scores[0].Should().Be(double.PositiveInfinity);
        f.PValues![0].Should().Be(0);
    }

    [Fact]
    public void FRegression_ConstantColumn_ScoresZeroWithPValueOne_AsForceFinite()
    {
        var y = new[] { 0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8 };
        var f = ScoreFunctions.FRegression(WithConstants(), y);
        f.Scores.Skip(1).Should().Equal(0.0, 0.0);
        f.PValues!.Skip(1).Should().Equal(1.0, 1.0);
        var raw = ScoreFunctions.FRegression(WithConstants(), y, forceFinite: false);
        raw.Scores.Skip(1).Should().Equal(double.NaN, double.NaN);
        ScoreFunctions.RRegression(WithConstants(), y).Scores.Skip(1).Should().Equal(0.0, 0.0);
    }

    [Fact]
    public void FRegression_PerfectCorrelation_ScoresMaxValueWithZeroPValue()
    {
        var x = new double[,] { { 1 }, { 2 }, { 3 }, { 4 } };
        var f = ScoreFunctions.FRegression(x, [3.0, 5, 7, 9]);
        f.Scores[0].Should().Be(double.MaxValue);
        f.PValues![0].Should().Be(0);
    }

    [Fact]
    public void Chi2_ZeroColumnIsNaN_PositiveConstantIsZero()
    {
        var c = ScoreFunctions.Chi2(WithConstants(), Labels);
        c.Scores[1].Should().Be(double.NaN);
        c.PValues![1].Should().Be(double.NaN);
        c.Scores[2].Should().Be(0);
        c.PValues[2].Should().Be(1);
    }

    [Fact]
    public void SelectKBest_RanksAConstantColumnLast()
    {
        var table = TabularData.FromMatrix(WithConstants(), ["x", "zero", "constant"]);
        var target = SelectionTarget.Classification("y", Labels);
        new SelectKBest(ScoreFunction.FClassif, 1).Fit(table, [target]).SelectedColumns.Should().Equal("x");

        // Both NaN scores tie below x; the stable sort keeps the later one.
        new SelectKBest(ScoreFunction.FClassif, 2).Fit(table, [target]).SelectedColumns.Should().Equal("x", "constant");
    }

    [Fact]
    public void Chi2_NegativeValue_NamesTheColumnAndRow()
    {
        var table = new TabularData([new NumericColumn("count", [1.0, 2, 3, 4]), new NumericColumn("delta", [0.5, -0.25, 1, 2])]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.Chi2, 1).Fit(table, [SelectionTarget.Classification("y", [0, 1, 0, 1])]))
            .Should().Throw<ArgumentException>().WithMessage("Feature 'delta' has the negative value -0.25 at row 1; Chi2 needs non-negative features*");
        FluentActions.Invoking(() => ScoreFunctions.Chi2(new double[,] { { 1, -1 }, { 2, 3 } }, [0, 1]))
            .Should().Throw<ArgumentException>().WithMessage("Feature 'column 1' has the negative value -1 at row 0*");
    }

    [Fact]
    public void TooFewLabelledRows_NameTheTaskAndTheRequirement()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2, 3, 4, 5]), new NumericColumn("b", [2.0, 1, 4, 3, 5])]);
        var threeClasses = SelectionTarget.Classification("grade", [0, 1, 2, TaskSpec.MissingClass, TaskSpec.MissingClass]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FClassif, 1).Fit(table, [threeClasses]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'grade' has 3 labelled rows in 3 classes; FClassif needs more rows than classes*");

        var twoValues = SelectionTarget.Regression("price", [1.0, double.NaN, 2.0, double.NaN, double.NaN]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(table, [twoValues]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'price' has 2 labelled rows; FRegression needs at least 3*");

        var fourValues = SelectionTarget.Regression("price", [1.0, 3.0, 2.0, 5.0, double.NaN]);
        FluentActions.Invoking(() => new SelectKBest(new FeatureScorer(ScoreFunction.MutualInfoRegression) { Neighbors = 4 }, 1).Fit(table, [fourValues]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'price' has 4 labelled rows; MutualInfoRegression with 4 neighbours needs at least 5.");

        var oneClass = SelectionTarget.Classification("flag", [1, 1, TaskSpec.MissingClass, 1, 1]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.MutualInfoClassification, 1).Fit(table, [oneClass]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'flag' has a single class (1) among its 4 labelled rows; MutualInfoClassification needs at least two classes.");

        var none = SelectionTarget.Regression("empty", [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(table, [none]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'empty' has no labelled rows*");
    }

    [Fact]
    public void TaskKindMismatch_NamesTheTaskAndSuggestsFunctions()
    {
        var d = ToyDatasets.Diabetes();
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FClassif, 3).Fit(d.Table(), [d.RegressionTarget()]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'progression' is a regression task, but FClassif needs class labels; use FRegression or MutualInfoRegression*");

        var bc = ToyDatasets.BreastCancer();
        FluentActions.Invoking(() => new SelectPercentile(ScoreFunction.MutualInfoRegression, 10).Fit(bc.Table(), [bc.ClassTarget()]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'diagnosis' is a classification task (Binary), but MutualInfoRegression scores a regression target*");
    }

    [Fact]
    public void CategoricalOrMissingFeature_NamesTheColumn()
    {
        var target = SelectionTarget.Regression("y", [1.0, 2, 3, 4]);
        var categorical = new TabularData([new NumericColumn("a", [1.0, 2, 3, 4]), new CategoricalColumn("colour", ["r", "g", "b", "r"])]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(categorical, [target]))
            .Should().Throw<ArgumentException>().WithMessage("Column 'colour' is categorical*");

        var missing = new TabularData([new NumericColumn("a", [1.0, 2, double.NaN, 4])]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(missing, [target]))
            .Should().Throw<ArgumentException>().WithMessage("Feature 'a' is missing a value at row 2; FRegression for task 'y' needs complete features*");
    }

    [Fact]
    public void ScoreFunctions_MissingOrInfiniteValue_NameTheColumnAndRow()
    {
        var x = new double[,] { { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 } };
        x[2, 1] = double.NaN;
        int[] labels = [0, 1, 0, 1];
        double[] y = [1, 2, 3, 5];
        const string Missing = "Feature 'column 1' is missing a value at row 2; * for the target needs complete features*";
        FluentActions.Invoking(() => ScoreFunctions.FClassif(x, labels)).Should().Throw<ArgumentException>().WithMessage(Missing);
        FluentActions.Invoking(() => ScoreFunctions.Chi2(x, labels)).Should().Throw<ArgumentException>().WithMessage(Missing);
        FluentActions.Invoking(() => ScoreFunctions.FRegression(x, y)).Should().Throw<ArgumentException>().WithMessage(Missing);
        FluentActions.Invoking(() => ScoreFunctions.RRegression(x, y)).Should().Throw<ArgumentException>().WithMessage(Missing);
        FluentActions.Invoking(() => ScoreFunctions.MutualInfoRegression(x, y, neighbors: 2)).Should().Throw<ArgumentException>().WithMessage(Missing);
        FluentActions.Invoking(() => ScoreFunctions.MutualInfoClassification(x, labels)).Should().Throw<ArgumentException>().WithMessage(Missing);

        x[2, 1] = double.PositiveInfinity;
        FluentActions.Invoking(() => ScoreFunctions.FClassif(x, labels, ["a", "b"])).Should().Throw<ArgumentException>()
            .WithMessage("Feature 'b' has Infinity at row 2; FClassif for the target needs finite features.");
        FluentActions.Invoking(() => ScoreFunctions.FRegression(x, [1.0, double.NaN, 3, 4])).Should().Throw<ArgumentException>()
            .WithMessage("The target has NaN at row 1; targets must be finite*");
    }

    [Fact]
    public void MissingFeatureInAnUnlabelledRow_IsLeftOutWithTheRow()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2, double.NaN, 4, 6])]);
        var target = SelectionTarget.Regression("y", [1.0, 2.5, double.NaN, 4, 5]);
        var scores = new FeatureScorer(ScoreFunction.FRegression).Score(table, [target]);
        scores.Scores.Should().Equal(ScoreFunctions.FRegression(new double[,] { { 1 }, { 2 }, { 4 }, { 6 } }, [1.0, 2.5, 4, 5]).Scores);
    }

    [Fact]
    public void TargetsThatDoNotFitTheData_AreRejected()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2, 3, 4])]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(table, [SelectionTarget.Regression("y", [1.0, 2, 3])]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'y' has 3 rows; the data has 4.*");
        var y = SelectionTarget.Regression("y", [1.0, 2, 3, 5]);
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(table, [y, y]))
            .Should().Throw<ArgumentException>().WithMessage("Task 'y' appears more than once*");
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FRegression, 1).Fit(table, []))
            .Should().Throw<ArgumentException>().WithMessage("*at least one target*");
        FluentActions.Invoking(() => ScoreFunctions.FClassif(new double[,] { { 1 }, { 2 } }, [0, 1, 1]))
            .Should().Throw<ArgumentException>().WithMessage("The target has 3 rows; the features have 2.");
        FluentActions.Invoking(() => ScoreFunctions.FClassif(new double[,] { { 1 }, { 2 }, { 3 } }, [0, TaskSpec.MissingClass, 1]))
            .Should().Throw<ArgumentException>().WithMessage("The target has label -1 at row 1*");
    }

    [Fact]
    public void SelectorParameters_OutOfRange_AreRejected()
    {
        var wine = ToyDatasets.Wine();
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FClassif, 14).Fit(wine.Table(), [wine.ClassTarget()]))
            .Should().Throw<ArgumentException>().WithMessage("k = 14 exceeds the 13 feature columns*");
        FluentActions.Invoking(() => new SelectKBest(ScoreFunction.FClassif, -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new SelectPercentile(ScoreFunction.FClassif, 101)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 0 and 100*");
        FluentActions.Invoking(() => new FeatureScorer(ScoreFunction.MutualInfoRegression) { Neighbors = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new VarianceThreshold { Threshold = -1 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void VarianceThreshold_NoFeaturePasses_IsAnError()
    {
        var constants = new TabularData([new NumericColumn("a", [1.0, 1, 1]), new NumericColumn("b", [double.NaN, double.NaN, double.NaN])]);
        FluentActions.Invoking(() => new VarianceThreshold().Fit(constants))
            .Should().Throw<ArgumentException>().WithMessage("No feature meets the variance threshold 0: every column is constant, missing, or at most the threshold*");
        var oneRow = new TabularData([new NumericColumn("a", [1.0]), new NumericColumn("b", [2.0])]);
        FluentActions.Invoking(() => new VarianceThreshold().Fit(oneRow))
            .Should().Throw<ArgumentException>().WithMessage("*(the data has a single row)*");
    }
}

using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>RFE rankings against scikit-learn 1.2.1's RFE with the same estimator definition.</summary>
public sealed class RfeTests
{
    [Fact]
    public void LinearRegression_Diabetes_Keep3_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfe(new LinearRegression()) { FeatureCount = 3 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.Ranking.Should().Equal(R.RfeLinearDiabetes3Ranking);
        result.FeatureCount.Should().Be(3);
        result.Selection.SelectedColumns.Should().Equal("x1", "x2", "x8");
    }

    [Fact]
    public void LinearRegression_Diabetes_Step3_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfe(new LinearRegression()) { FeatureCount = 2, Step = 3 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.Ranking.Should().Equal(R.RfeLinearDiabetes2Step3Ranking);
    }

    [Fact]
    public void LinearRegression_Diabetes_DefaultHalf_FractionalStep_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfe(new LinearRegression()) { Step = 0.25 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.Ranking.Should().Equal(R.RfeLinearDiabetesHalfStep025Ranking);
        result.FeatureCount.Should().Be(5);
    }

    [Fact]
    public void Lasso_TiedZeroImportances_AreEliminatedInNumpysOrder()
    {
        // Lasso(alpha=10) zeroes several coefficients: the tie order is np.argsort's (introsort), which this ranking pins.
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfe(new Lasso { Alpha = 10.0 }) { FeatureCount = 1 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.Ranking.Should().Equal(R.RfeLassoDiabetes1Ranking);
    }

    [Fact]
    public void LogisticRegression_BreastCancer_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.CancerStandardised();

        var result = new Rfe(new LogisticRegression()) { FeatureCount = 5 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Classification(y));

        result.Ranking.Should().Equal(R.RfeLogisticCancer5Ranking);
    }

    [Fact]
    public void LogisticRegression_Wine_Multinomial_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.WineStandardised();

        var result = new Rfe(new LogisticRegression()) { FeatureCount = 4, Step = 2 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Classification(y));

        result.Ranking.Should().Equal(R.RfeLogisticWine4Ranking);
    }

    [Fact]
    public void Fit_ReturnsTheSelection_WhichDropsTheEliminatedColumns()
    {
        var (x, y) = ModelSelectionData.Diabetes();
        var table = ModelSelectionData.Table(x);

        var fitted = new Rfe(new LinearRegression()) { FeatureCount = 3 }.Fit(table, ModelSelectionData.Regression(y));

        fitted.Transform(table).ColumnNames.Should().Equal("x1", "x2", "x8");
        ((FittedColumnSelection)fitted).Scores.Should().Equal(R.RfeLinearDiabetes3Ranking.Select(r => -(double)r));
    }

    [Fact]
    public void SeveralTasks_ShareOneElimination_CombiningImportances()
    {
        // Task a depends on x0 only, task b on x3 only; x1, x2 are noise. Max keeps each task's feature.
        var random = new Random(3);
        int n = 200;
        var x = new double[n, 4];
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = random.NextDouble() - 0.5;
            }

            a[i] = (3 * x[i, 0]) + (0.01 * (random.NextDouble() - 0.5));
            b[i] = (-2 * x[i, 3]) + (0.01 * (random.NextDouble() - 0.5));
        }

        var targets = new[] { SelectionTarget.Regression("a", a), SelectionTarget.Regression("b", b) };

        var result = new Rfe(new LinearRegression()) { FeatureCount = 2, Aggregation = TaskAggregation.Max }.Rank(ModelSelectionData.Table(x), targets);

        result.Selection.SelectedColumns.Should().Equal("x0", "x3");
    }

    [Fact]
    public void MissingLabels_AreLeftOutOfThatTasksFits()
    {
        // Rows 0–49 lack the label: the ranking is the one computed on rows 50+ alone.
        var (x, y) = ModelSelectionData.Diabetes();
        var withMissing = y.Select((v, i) => i < 50 ? double.NaN : v).ToArray();
        var rows = Enumerable.Range(50, y.Length - 50).ToArray();
        var restricted = ModelSelectionData.Table(x).TakeRows(rows);

        var fromMissing = new Rfe(new LinearRegression()) { FeatureCount = 3 }.Rank(ModelSelectionData.Table(x), [SelectionTarget.Regression("b", withMissing)]);
        var fromSubset = new Rfe(new LinearRegression()) { FeatureCount = 3 }.Rank(restricted, [SelectionTarget.Regression("b", rows.Select(i => y[i]).ToArray())]);

        fromMissing.Ranking.Should().Equal(fromSubset.Ranking);
    }

    [Fact]
    public void CustomEstimator_ThroughThePublicInterface_RanksAsTheBuiltIn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new Rfe(new PublicLeastSquares()) { FeatureCount = 3 }.Rank(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        result.Ranking.Should().Equal(R.RfeLinearDiabetes3Ranking);
    }

    [Fact]
    public void Rank_CategoricalColumn_IsRejectedByName()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2.0, 3.0]), new CategoricalColumn("colour", ["red", "blue", "red"])]);

        FluentActions.Invoking(() => new Rfe(new LinearRegression()).Rank(table, ModelSelectionData.Regression([1.0, 2.0, 3.0])))
            .Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("*'colour' is categorical*Encode*");
    }

    [Fact]
    public void Rank_MissingFeatureValue_IsRejectedByColumnAndRow()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2.0, 3.0]), new NumericColumn("b", [1.0, double.NaN, 3.0])]);

        FluentActions.Invoking(() => new Rfe(new LinearRegression()).Rank(table, ModelSelectionData.Regression([1.0, 2.0, 3.0])))
            .Should().Throw<ArgumentException>().WithMessage("*'b' is missing a value at row 1*");
    }

    [Fact]
    public void Rank_TargetLengthMismatch_NamesTheTask()
    {
        var (x, _) = ModelSelectionData.Diabetes();

        FluentActions.Invoking(() => new Rfe(new LinearRegression()).Rank(ModelSelectionData.Table(x), [SelectionTarget.Regression("progression", [1.0, 2.0])]))
            .Should().Throw<ArgumentException>().WithParameterName("targets").WithMessage("*'progression' has 2 targets*442 rows*");
    }

    [Fact]
    public void Settings_AreValidated_NamingTheProperty()
    {
        FluentActions.Invoking(() => new Rfe(new LinearRegression()) { Step = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Step");
        FluentActions.Invoking(() => new Rfe(new LinearRegression()) { Step = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Step");
        FluentActions.Invoking(() => new Rfe(new LinearRegression()) { FeatureCount = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("FeatureCount");
        FluentActions.Invoking(() => new Rfe(new LinearRegression()) { FeatureFraction = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("FeatureFraction");
    }

    /// <summary>A user-written estimator: least squares through the public API only (no column-major fast path).</summary>
    private sealed class PublicLeastSquares : IImportanceEstimator
    {
        public bool IsClassifier => false;

        public IImportanceModel Fit(double[,] x, SelectionTarget target) => new Model(new LinearRegression().Fit(x, target.Values!));

        private sealed class Model(LinearModel fitted) : IImportanceModel
        {
            public IReadOnlyList<double> Importances => fitted.Coefficients.Select(c => c * c).ToArray();

            public double Score(double[,] x, SelectionTarget target) => fitted.Score(x, target.Values!);
        }
    }
}

using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>SequentialFeatureSelector supports against scikit-learn 1.2.1.</summary>
public sealed class SequentialFeatureSelectorTests
{
    public static TheoryData<SequentialDirection, int, int, int[]> LinearCases => new()
    {
        { SequentialDirection.Forward, 3, 5, R.SfsLinearDiabetesForward3Support },
        { SequentialDirection.Backward, 3, 5, R.SfsLinearDiabetesBackward3Support },
        { SequentialDirection.Forward, 6, 4, R.SfsLinearDiabetesForward6Cv4Support },
        { SequentialDirection.Backward, 8, 5, R.SfsLinearDiabetesBackward8Support },
    };

    [Theory]
    [MemberData(nameof(LinearCases))]
    public void LinearRegression_Diabetes_MatchesScikitLearn(SequentialDirection direction, int count, int folds, int[] support)
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new SequentialFeatureSelector(new LinearRegression()) { Direction = direction, FeatureCount = count, Folds = folds }
            .Run(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        Enumerable.Range(0, 10).Where(j => result.Support[j]).Should().Equal(support);
        result.StepFeatures.Should().HaveCount(direction == SequentialDirection.Forward ? count : 10 - count);
    }

    [Fact]
    public void LogisticRegression_Wine_Forward_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.WineStandardised();

        var result = new SequentialFeatureSelector(new LogisticRegression()) { FeatureCount = 3 }
            .Run(ModelSelectionData.Table(x), ModelSelectionData.Classification(y));

        Enumerable.Range(0, 13).Where(j => result.Support[j]).Should().Equal(R.SfsLogisticWineForward3Support);
    }

    [Fact]
    public void Forward_StepScoresAreTheBestMeanCvScores_AndRise()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var result = new SequentialFeatureSelector(new LinearRegression()) { FeatureCount = 3 }
            .Run(ModelSelectionData.Table(x), ModelSelectionData.Regression(y));

        // The first step's score is x2's (bmi's) mean R² over KFold(5): test blocks of 89, 89, 88, 88, 88 rows.
        result.StepFeatures[0].Should().Be("x2");
        var bmi = new double[442, 1];
        for (int i = 0; i < 442; i++)
        {
            bmi[i, 0] = x[i, 2];
        }

        double sum = 0;
        int start = 0;
        foreach (int size in new[] { 89, 89, 88, 88, 88 })
        {
            var test = Enumerable.Range(start, size).ToArray();
            var train = Enumerable.Range(0, 442).Where(i => i < start || i >= start + size).ToArray();
            var model = new LinearRegression().Fit(Rows(bmi, train), train.Select(i => y[i]).ToArray());
            sum += model.Score(Rows(bmi, test), test.Select(i => y[i]).ToArray());
            start += size;
        }

        result.StepScores[0].Should().BeApproximately(sum / 5, 1e-14);
        result.StepScores.Should().BeInAscendingOrder();
        result.Selection.SelectedColumns.Should().Equal("x2", "x3", "x8");
    }

    private static double[,] Rows(double[,] x, int[] rows)
    {
        var r = new double[rows.Length, x.GetLength(1)];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                r[i, j] = x[rows[i], j];
            }
        }

        return r;
    }

    [Fact]
    public void FeatureCountNotBelowTheFeatureCount_IsRejected()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        FluentActions.Invoking(() => new SequentialFeatureSelector(new LinearRegression()) { FeatureCount = 10 }.Run(ModelSelectionData.Table(x), ModelSelectionData.Regression(y)))
            .Should().Throw<ArgumentException>().WithMessage("*FeatureCount is 10; with 10 features it must lie in [1, 9]*");
    }
}

using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>Per-task scores combined by mean, max and rank, so one selection serves all tasks.</summary>
public sealed class AggregationTests
{
    // Task A scores 3, 1, 2, 2 (a tie); task B 10, 40, 20, 30.
    private static readonly double[][] TwoTasks = [[3, 1, 2, 2], [10, 40, 20, 30]];

    [Fact]
    public void Mean_AveragesTheTaskScores()
        => ScoreAggregation.Combine(TwoTasks, TaskAggregation.Mean).Should().Equal(6.5, 20.5, 11, 16);

    [Fact]
    public void Max_TakesTheLargestTaskScore()
        => ScoreAggregation.Combine(TwoTasks, TaskAggregation.Max).Should().Equal(10, 40, 20, 30);

    [Fact]
    public void Rank_IsMinusTheMeanRank_TiesAveraged()
    {
        // A: 3 → 1, the tied 2s → 2.5 each, 1 → 4. B: 40 → 1, 30 → 2, 20 → 3, 10 → 4.
        // Mean ranks 2.5, 2.5, 2.75, 2.25, negated.
        ScoreAggregation.Combine(TwoTasks, TaskAggregation.Rank).Should().Equal(-2.5, -2.5, -2.75, -2.25);
    }

    [Fact]
    public void SelectKBest_OnTiedRankScores_KeepsTheLaterColumn()
    {
        // Combined rank scores −2.5, −2.5, −2.75, −2.25: k = 2 keeps feature 3 and, of the tie 0/1, the later one (1).
        var scores = new MultiTaskFeatureScores(["f0", "f1", "f2", "f3"], ["A", "B"], TwoTasks.Select(s => new FeatureScores(s, null)).ToArray(), TaskAggregation.Rank);
        new SelectKBest(ScoreFunction.FRegression, 2).Select(scores).SelectedColumns.Should().Equal("f1", "f3");
        new SelectKBest(ScoreFunction.FRegression, 1).Select(scores).SelectedColumns.Should().Equal("f3");
    }

    [Fact]
    public void UndefinedScores_MeanPropagates_MaxSkips_RankPutsLast()
    {
        double[][] tasks = [[double.NaN, 1, 2], [5, double.NaN, 1]];
        ScoreAggregation.Combine(tasks, TaskAggregation.Mean).Should().Equal(double.NaN, double.NaN, 1.5);
        ScoreAggregation.Combine(tasks, TaskAggregation.Max).Should().Equal(5, 1, 2);

        // A: 2 → 1, 1 → 2, NaN → 3. B: 5 → 1, 1 → 2, NaN → 3.
        ScoreAggregation.Combine(tasks, TaskAggregation.Rank).Should().Equal(-2, -2.5, -1.5);

        // Two NaNs tie for the last ranks 2 and 3.
        ScoreAggregation.Combine([[double.NaN, double.NaN, 1]], TaskAggregation.Rank).Should().Equal(-2.5, -2.5, -1);
        ScoreAggregation.Combine([[double.NaN, 4], [double.NaN, 3]], TaskAggregation.Max).Should().Equal(double.NaN, 4);
    }

    [Fact]
    public void Combine_RejectsNoTasksAndMismatchedLengths()
    {
        FluentActions.Invoking(() => ScoreAggregation.Combine([], TaskAggregation.Mean)).Should().Throw<ArgumentException>().WithMessage("*at least one task*");
        FluentActions.Invoking(() => ScoreAggregation.Combine([[1, 2], [1, 2, 3]], TaskAggregation.Mean)).Should().Throw<ArgumentException>().WithMessage("Task 1 has 3 scores; task 0 has 2*");
    }

    public static TheoryData<string, TaskAggregation> MultiTaskCases => new()
    {
        { "Energy", TaskAggregation.Mean }, { "Energy", TaskAggregation.Max }, { "Energy", TaskAggregation.Rank },
        { "Linnerud", TaskAggregation.Mean }, { "Linnerud", TaskAggregation.Max }, { "Linnerud", TaskAggregation.Rank },
    };

    /// <summary>Real data, several regression tasks: per-task f_regression (scikit-learn's) combined as NumPy/SciPy compute it.</summary>
    [Theory]
    [MemberData(nameof(MultiTaskCases))]
    public void MultiTaskRegression_CombinedScoresAndSelections_MatchTheReference(string name, TaskAggregation aggregation)
    {
        var data = name == "Energy" ? ToyDatasets.EnergyEfficiency() : ToyDatasets.Linnerud();
        var targets = Enumerable.Range(0, data.Targets.Length).Select(data.RegressionTarget).ToArray();
        var scorer = new FeatureScorer(ScoreFunction.FRegression) { Aggregation = aggregation };
        var scores = scorer.Score(data.Table(), targets);

        scores.TaskNames.Should().Equal(data.TargetNames);
        for (int t = 0; t < targets.Length; t++)
        {
            scores.TaskScores[t].Scores.ShouldMatch(ScoreFunctions.FRegression(data.X, data.Targets[t]).Scores, $"task {t}", relative: 0);
        }

        scores.Scores.ShouldMatch((double[])typeof(R).GetField($"{name}{aggregation}Scores")!.GetValue(null)!, "combined");
        foreach (int k in new[] { 1, 2, 3 })
        {
            var expected = (int[])typeof(R).GetField($"{name}{aggregation}K{k}")!.GetValue(null)!;
            new SelectKBest(scorer, k).Fit(data.Table(), targets).SelectedIndices().Should().Equal(expected, $"k = {k}");
        }
    }

    [Fact]
    public void MixedTaskKinds_EachTaskUsesTheFunctionForItsKind_OnItsLabelledRows()
    {
        // Energy efficiency: "hot" (heating load above 20, a class; unlabelled on every fifth row) and cooling load (regression).
        var e = ToyDatasets.EnergyEfficiency();
        var hot = e.Targets[0].Select((v, i) => i % 5 == 0 ? TaskSpec.MissingClass : (v > 20 ? 1 : 0)).ToArray();
        var targets = new[] { SelectionTarget.Classification("hot", hot), e.RegressionTarget(1) };
        var scores = new FeatureScorer(ScoreFunction.FClassif, ScoreFunction.FRegression) { Aggregation = TaskAggregation.Rank }.Score(e.Table(), targets);

        var labelled = Enumerable.Range(0, hot.Length).Where(i => hot[i] >= 0).ToArray();
        var x = new double[labelled.Length, e.X.GetLength(1)];
        for (int i = 0; i < labelled.Length; i++)
        {
            for (int j = 0; j < e.X.GetLength(1); j++)
            {
                x[i, j] = e.X[labelled[i], j];
            }
        }

        scores.ForTask("hot").Scores.Should().Equal(ScoreFunctions.FClassif(x, labelled.Select(i => hot[i]).ToArray()).Scores);
        scores.ForTask("Y2").Scores.Should().Equal(ScoreFunctions.FRegression(e.X, e.Targets[1]).Scores);
        scores.Scores.Should().Equal(ScoreAggregation.Combine([scores.TaskScores[0].Scores, scores.TaskScores[1].Scores], TaskAggregation.Rank));
    }

    [Fact]
    public void FeatureScorer_RejectsFunctionsOfTheWrongKind()
    {
        FluentActions.Invoking(() => new FeatureScorer(ScoreFunction.FRegression, ScoreFunction.FRegression))
            .Should().Throw<ArgumentException>().WithMessage("FRegression scores regression targets*");
        FluentActions.Invoking(() => new FeatureScorer(ScoreFunction.FClassif, ScoreFunction.Chi2))
            .Should().Throw<ArgumentException>().WithMessage("Chi2 scores class labels*");
    }

    [Fact]
    public void ForTask_UnknownTask_ListsTheTasks()
    {
        var d = ToyDatasets.Diabetes();
        var scores = new FeatureScorer(ScoreFunction.FRegression).Score(d.Table(), [d.RegressionTarget()]);
        FluentActions.Invoking(() => scores.ForTask("nope")).Should().Throw<KeyNotFoundException>().WithMessage("Unknown task 'nope'; the scores are for 'progression'.");
    }

    [Fact]
    public void MultiTaskFeatureScores_FeaturesAreTheTableColumns()
    {
        var table = new TabularData([new NumericColumn("u", [1.0, 2, 3, 4]), new NumericColumn("v", [4.0, 1, 3, 2])]);
        var scores = new FeatureScorer(ScoreFunction.FRegression).Score(table, [SelectionTarget.Regression("y", [1.0, 2, 3, 5])]);
        scores.Features.Should().Equal("u", "v");
        scores.Aggregation.Should().Be(TaskAggregation.Mean);
    }
}

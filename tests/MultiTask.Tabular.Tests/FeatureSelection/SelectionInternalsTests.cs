using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>The ports of numpy's argsort and scikit-learn's splitters, and the task aggregation of model scores.</summary>
public sealed class SelectionInternalsTests
{
    [Fact]
    public void ArgSort_BreaksTiesAsNumpy_40Values()
        => NumpyArgsort.ArgSort(R.ArgsortTiesValues).Should().Equal(R.ArgsortTiesOrder);

    [Fact]
    public void ArgSort_BreaksTiesAsNumpy_100Values()
        => NumpyArgsort.ArgSort(R.ArgsortTies2Values).Should().Equal(R.ArgsortTies2Order);

    [Fact]
    public void ArgSort_SortsDistinctValues_AndPutsNaNLast()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        values[17] = double.NaN;

        var order = NumpyArgsort.ArgSort(values);

        order.Should().HaveCount(500).And.OnlyHaveUniqueItems();
        order[^1].Should().Be(17);
        order.Take(499).Select(i => values[i]).Should().BeInAscendingOrder();
    }

    [Fact]
    public void StratifiedKFold_AssignsTestFoldsAsScikitLearn()
    {
        var labels = ToyDatasets.Wine().Targets[0].Select(v => (int)v).ToArray();

        var splits = SelectionFolds.Stratified(labels, 5, "cultivar", "targets");

        var fold = new int[labels.Length];
        for (int f = 0; f < 5; f++)
        {
            foreach (int i in splits[f].Test)
            {
                fold[i] = f;
            }

            splits[f].Train.Should().BeInAscendingOrder().And.HaveCount(labels.Length - splits[f].Test.Length);
        }

        fold.Should().Equal(R.StratifiedKFold5WineTestFolds);
    }

    [Fact]
    public void KFold_FirstFoldsTakeTheRemainder()
    {
        SelectionFolds.KFold(10, 4).Select(s => s.Test.Length).Should().Equal(R.KFold4Of10TestSizes);
        SelectionFolds.KFold(10, 4)[1].Test.Should().Equal(3, 4, 5);
    }

    [Fact]
    public void Combine_OneTask_PassesScoresThrough()
        => ModelScoreAggregation.Combine([[3.0, 1.0, 2.0]], TaskAggregation.Rank).Should().Equal(3.0, 1.0, 2.0);

    [Fact]
    public void Combine_MeanMaxRank_ByHand()
    {
        double[][] perTask = [[1.0, 4.0, 4.0], [10.0, 0.0, 20.0]];

        ModelScoreAggregation.Combine(perTask, TaskAggregation.Mean).Should().Equal(5.5, 2.0, 12.0);
        ModelScoreAggregation.Combine(perTask, TaskAggregation.Max).Should().Equal(10.0, 4.0, 20.0);

        // Task 0 ranks (3, 1.5, 1.5) with the tie averaged; task 1 ranks (2, 3, 1). Negated means: −2.5, −2.25, −1.25.
        ModelScoreAggregation.Combine(perTask, TaskAggregation.Rank).Should().Equal(-2.5, -2.25, -1.25);
    }
}

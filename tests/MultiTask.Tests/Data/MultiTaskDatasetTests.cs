using MultiTask.Data;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskDatasetTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("churn"), TaskSpec.Multiclass("segment", 3)];

    [Fact]
    public void FromArrays_MismatchedRowCount_NamesTaskAndCounts()
    {
        var x = Problems.Features(10, 2, seed: 1);
        var act = () => MultiTaskDataset.FromArrays(x, Tasks, [new float[10], new int[9], new int[10]]);
        act.Should().Throw<ArgumentException>().WithMessage("*'churn'*10 rows*got 9*");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void FromArrays_NonFiniteFeature_NamesRowAndColumn(float bad)
    {
        var x = Problems.Features(10, 3, seed: 1);
        x[7, 2] = bad;
        var act = () => MultiTaskDataset.FromArrays(x, Tasks, [new float[10], new int[10], new int[10]]);
        act.Should().Throw<ArgumentException>().WithMessage("*row 7, column 2*");
    }

    [Fact]
    public void FromArrays_ClassLabelOutOfRange_NamesTaskRowAndRange()
    {
        var x = Problems.Features(4, 2, seed: 1);
        var act = () => MultiTaskDataset.FromArrays(x, Tasks, [new float[4], new[] { 0, 1, 1, 0 }, new[] { 0, 3, 1, 2 }]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*label 3 at row 1 of task 'segment'*0 to 2*");
    }

    [Fact]
    public void FromArrays_NoRows_SaysEmpty()
    {
        var act = () => MultiTaskDataset.FromArrays(new float[0, 3], Tasks, [new float[0], new int[0], new int[0]]);
        act.Should().Throw<ArgumentException>().WithMessage("*empty*");
    }

    [Fact]
    public void FromArrays_WrongNumberOfTargetArrays_ListsTheTasks()
    {
        var x = Problems.Features(4, 2, seed: 1);
        var act = () => MultiTaskDataset.FromArrays(x, Tasks, [new float[4]]);
        act.Should().Throw<ArgumentException>().WithMessage("*3: price, churn, segment*got 1*");
    }

    [Fact]
    public void FromArrays_DuplicateTaskNames_Throws()
    {
        var act = () => MultiTaskDataset.FromArrays(Problems.Features(2, 1, 1), [TaskSpec.Binary("a"), TaskSpec.Binary("a")], [new int[2], new int[2]]);
        act.Should().Throw<ArgumentException>().WithMessage("*'a' appears more than once*");
    }

    [Fact]
    public void FromArrays_ClassLabelsForRegression_AreRejected()
    {
        var act = () => MultiTaskDataset.FromArrays(Problems.Features(2, 1, 1), [TaskSpec.Regression("r")], [new[] { 1, 2 }]);
        act.Should().Throw<ArgumentException>().WithMessage("*regression task 'r'*real values*");
    }

    [Fact]
    public void MissingLabels_AreMaskedAndReadBackAsMissing()
    {
        var x = Problems.Features(4, 2, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, Tasks, [new[] { 1f, float.NaN, 3f, float.NaN }, new[] { 1, -1, 0, 1 }, new[] { -1, -1, -1, 2 }]);

        data.LabelCount("price").Should().Be(2);
        data.LabelCount("churn").Should().Be(3);
        data.LabelCount("segment").Should().Be(1);
        data.GetValues("price").Should().Equal(1f, float.NaN, 3f, float.NaN);
        data.GetLabels("segment").Should().Equal(-1, -1, -1, 2);
        data.Targets.select(1, 0).data<float>().ToArray().Should().Equal([1f, 0f, 3f, 0f], "missing values are stored as 0 so no NaN can reach a loss");
    }

    [Fact]
    public void TrainValidationTestSplit_SizesFollowCeilingAndPartsAreDisjoint()
    {
        var x = new float[101, 1];
        for (int i = 0; i < 101; i++)
        {
            x[i, 0] = i;
        }

        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Regression("y")], [new float[101]]);
        using var split = data.TrainValidationTestSplit(0.15, 0.2, seed: 3);
        using var again = data.TrainValidationTestSplit(0.15, 0.2, seed: 3);

        split.Test.Count.Should().Be(21);       // ⌈0.2 × 101⌉
        split.Validation!.Count.Should().Be(16); // ⌈0.15 × 101⌉
        split.Train.Count.Should().Be(64);
        var ids = new[] { split.Train, split.Validation, split.Test }.SelectMany(RowIds).ToArray();
        ids.Should().BeEquivalentTo(Enumerable.Range(0, 101));
        RowIds(again.Test).Should().Equal(RowIds(split.Test));
    }

    [Fact]
    public void SelectTasks_UnknownTask_NamesTheKnownTasks()
    {
        using var data = MultiTaskDataset.FromArrays(Problems.Features(3, 2, 1), Tasks, [new float[3], new int[3], new int[3]]);
        var act = () => data.SelectTasks("price", "revenue");
        act.Should().Throw<ArgumentException>().WithMessage("*'revenue'*'price', 'churn', 'segment'*");
    }

    [Fact]
    public void FromTokens_PadsWithThePaddingIdAndCuts()
    {
        using var data = MultiTaskDataset.FromTokens([[5, 6, 7], [8], [9, 10, 11, 12, 13]], [TaskSpec.Binary("b")], [new[] { 0, 1, 0 }], paddingId: 0, maxLength: 4);

        data.InputWidth.Should().Be(4);
        data.Inputs.data<long>().ToArray().Should().Equal(5, 6, 7, 0, 8, 0, 0, 0, 9, 10, 11, 12);
    }

    private static IEnumerable<int> RowIds(MultiTaskDataset d) => d.Inputs.select(1, 0).data<float>().ToArray().Select(v => (int)v);
}

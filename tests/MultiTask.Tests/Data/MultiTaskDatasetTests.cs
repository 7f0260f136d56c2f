using MultiTask.Data;
using MultiTask.Tests.TestUtilities;
using TorchSharp;

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
    public void GetLabels_OfARegressionTask_IsRejected_NamingTheTaskAndGetValues()
    {
        using var data = MultiTaskDataset.FromArrays(Problems.Features(2, 1, 1), [TaskSpec.Regression("r")], [new[] { 1.5f, 2.7f }]);

        var act = () => data.GetLabels("r");

        act.Should().Throw<ArgumentException>().WithMessage("*'r'*regression*GetValues*");
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
        using var scope = torch.NewDisposeScope();
        var (_, y, m) = data.GetBatch([0, 1, 2, 3]);
        y.select(1, 0).data<float>().ToArray().Should().Equal([1f, 0f, 3f, 0f], "missing values reach the losses as 0 so no NaN can");
        m.select(1, 0).data<float>().ToArray().Should().Equal(1f, 0f, 1f, 0f);
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
        var split = data.TrainValidationTestSplit(0.15, 0.2, seed: 3);
        var again = data.TrainValidationTestSplit(0.15, 0.2, seed: 3);

        split.Test.RowCount.Should().Be(21);       // ⌈0.2 × 101⌉
        split.Validation!.RowCount.Should().Be(16); // ⌈0.15 × 101⌉
        split.Train.RowCount.Should().Be(64);
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
        data.InputTensor.data<long>().ToArray().Should().Equal(5, 6, 7, 0, 8, 0, 0, 0, 9, 10, 11, 12);
        data.Subset([2, 0]).MaxTokenId().Should().Be(12);
        data.Subset([1]).MaxTokenId().Should().Be(8, "only the view's rows count");
    }

    [Fact]
    public void FromTokens_PaddingIdInsideASequence_IsRejected_NamingTheRowAndPositions()
    {
        var act = () => MultiTaskDataset.FromTokens([[5, 6], [7, 0, 8, 0]], [TaskSpec.Binary("b")], [new[] { 0, 1 }], paddingId: 0);

        act.Should().Throw<ArgumentException>().WithMessage("Token sequence 1 has the padding id 0 at position 1, before token 8 at position 2*");
    }

    [Fact]
    public void FromTokens_TrailingPadding_AndPaddingOnlyBeyondMaxLength_AreAccepted()
    {
        using var data = MultiTaskDataset.FromTokens([[5, 6, 0, 0], [7, 8, 0, 9]], [TaskSpec.Binary("b")], [new[] { 0, 1 }], paddingId: 0, maxLength: 2);

        data.InputTensor.data<long>().ToArray().Should().Equal(5, 6, 7, 8);
    }

    [Fact]
    public void HostQueries_OfViews_EqualHandComputedValues()
    {
        // Rows: price, churn, segment; NaN / -1 = missing.
        float[] price = [10f, float.NaN, 30f, 40f, float.NaN];
        int[] churn = [1, 0, -1, 1, 0];
        int[] segment = [2, -1, 0, 1, 1];
        using var data = MultiTaskDataset.FromArrays(Problems.Features(5, 2, seed: 3), Tasks, [price, churn, segment]);

        var view = data.Subset([4, 2, 0]).SelectTasks("segment", "price");

        view.Tasks.Select(t => t.Name).Should().Equal("segment", "price");
        view.RowCount.Should().Be(3);
        view.GetValues("price").Should().Equal(float.NaN, 30f, 10f);
        view.GetLabels("segment").Should().Equal(1, 0, 2);
        view.LabelCount("price").Should().Be(2);
        var masked = view.WithoutLabels([0, 2], ["segment"]);
        masked.GetLabels("segment").Should().Equal(-1, 0, -1);
        masked.LabelCount("segment").Should().Be(1);
        view.GetLabels("segment").Should().Equal([1, 0, 2], "WithoutLabels leaves the dataset it came from unchanged");
        var act = () => view.GetValues("churn");
        act.Should().Throw<ArgumentException>().WithMessage("*'churn'*'segment', 'price'*");
    }

    [Fact]
    public void GetFeaturesAndGetBatch_OfAView_ReadTheViewsRows()
    {
        var x = Problems.Features(6, 3, seed: 5);
        using var data = MultiTaskDataset.FromArrays(x, Tasks, [new float[6], new int[6], new[] { 0, 1, 2, 0, 1, 2 }]);
        var view = data.Subset([5, 1, 3]);

        var features = view.GetFeatures();
        using var scope = torch.NewDisposeScope();
        var (inputs, targets, mask) = view.GetBatch([2, 0]);

        for (int j = 0; j < 3; j++)
        {
            features[0, j].Should().Be(x[5, j]);
            features[1, j].Should().Be(x[1, j]);
            features[2, j].Should().Be(x[3, j]);
        }

        inputs.data<float>().ToArray().Should().Equal(x[3, 0], x[3, 1], x[3, 2], x[5, 0], x[5, 1], x[5, 2]);
        targets.select(1, 2).data<float>().ToArray().Should().Equal(0f, 2f);
        mask.sum().item<float>().Should().Be(6f);
    }

    [Fact]
    public void FromArrays_MakesOneTensor_AndViewsMakeNone()
    {
        var x = Problems.Features(40, 3, seed: 7);
        long before = Leak.LiveTensors;
        var data = MultiTaskDataset.FromArrays(x, Tasks, [new float[40], new int[40], new int[40]]);
        (Leak.LiveTensors - before).Should().Be(1, "the features are the only tensor; targets stay on the host");

        Leak.AssertNone(
            () =>
            {
                var split = data.TrainValidationTestSplit(0.25, 0.25, seed: 1);
                var parts = new[] { split.Train, split.Validation!, split.Test, split.Train.SelectTasks("segment", "price"), data.Subset([3, 1]), data.WithoutLabels([0], ["price"]) };
                parts.Should().OnlyContain(p => ReferenceEquals(p.InputTensor, data.InputTensor) && !p.OwnsInputs, "every view shares the one input tensor");
                parts.Sum(p => p.RowCount).Should().Be(20 + 10 + 10 + 20 + 2 + 40);
            },
            "of splitting, subsetting and selecting tasks");

        data.OwnsInputs.Should().BeTrue();
        data.Dispose();
        (Leak.LiveTensors - before).Should().Be(0);
    }

    [Fact]
    public void Views_AfterTheOwnerIsDisposed_SayDisposed_ButDisposingAViewFreesNothing()
    {
        var data = MultiTaskDataset.FromArrays(Problems.Features(8, 2, seed: 9), Tasks, [new float[8], new int[8], new int[8]]);
        var split = data.TrainTestSplit(0.25, seed: 2);
        split.Test.Dispose();

        split.Train.GetFeatures().GetLength(0).Should().Be(6, "disposing one view leaves the inputs alive");
        var disposedView = () => split.Test.LabelCount("price");
        disposedView.Should().Throw<ObjectDisposedException>();
        data.Dispose();
        var orphan = () => split.Train.GetFeatures();
        orphan.Should().Throw<ObjectDisposedException>().WithMessage("*owns these inputs*");
    }

    [Fact]
    public void FromArrays_JaggedRows_MatchTheMatrix()
    {
        var x = Problems.Features(5, 3, seed: 11);
        var rows = Enumerable.Range(0, 5).Select(i => Enumerable.Range(0, 3).Select(j => x[i, j]).ToArray()).ToArray();
        using var data = MultiTaskDataset.FromArrays(rows, Tasks, [new float[5], new int[5], new int[5]]);

        data.GetFeatures().Cast<float>().Should().Equal(x.Cast<float>());
        rows[2] = [1f, 2f];
        var act = () => MultiTaskDataset.FromArrays(rows, Tasks, [new float[5], new int[5], new int[5]]);
        act.Should().Throw<ArgumentException>().WithMessage("*row 2 has 2 values; expected 3*");
    }

    private static IEnumerable<int> RowIds(MultiTaskDataset? d)
    {
        var features = d!.GetFeatures();
        return Enumerable.Range(0, d.RowCount).Select(i => (int)features[i, 0]);
    }
}

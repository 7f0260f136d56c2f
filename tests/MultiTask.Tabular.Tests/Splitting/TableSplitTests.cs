using MultiTask.Tabular.Splitting;

namespace MultiTask.Tabular.Tests.Splitting;

public sealed class TableSplitTests
{
    [Fact]
    public void RandomSplit_PartSizesAreRoundedUpFractions_AndCoverEveryRowOnce()
    {
        var table = KFoldTests.Adult(23);

        var split = table.Split(new TableSplitOptions { TestFraction = 0.2, ValidationFraction = 0.1, Seed = 5 });

        // ⌈0.2 · 23⌉ = 5 test rows, ⌈0.1 · 23⌉ = 3 validation rows, 15 training rows.
        split.TestRows.Should().HaveCount(5);
        split.ValidationRows.Should().HaveCount(3);
        split.TrainRows.Should().HaveCount(15);
        split.TrainRows.Concat(split.ValidationRows!).Concat(split.TestRows).Order().Should().Equal(Enumerable.Range(0, 23));
        split.TrainRows.Should().BeInAscendingOrder();
        split.Test.Numeric("fnlwgt").Values.Should().Equal(split.TestRows.Select(i => table.Numeric("fnlwgt")[i]));
        table.Split(new TableSplitOptions { TestFraction = 0.2, ValidationFraction = 0.1, Seed = 5 }).TestRows.Should().Equal(split.TestRows);
    }

    [Fact]
    public void WithoutValidationFraction_ThereIsNoValidationPart()
    {
        var split = KFoldTests.Adult(10).Split();

        split.Validation.Should().BeNull();
        split.ValidationRows.Should().BeNull();
        split.TestRows.Should().HaveCount(2); // default 0.2 of 10
    }

    [Fact]
    public void StratifiedSplit_GivesEachClassItsShareOfEveryPart()
    {
        var table = KFoldTests.Adult(1000);
        var income = table.Categorical("income").Values;

        var split = table.Split(new TableSplitOptions { TestFraction = 0.2, ValidationFraction = 0.15, StratifyBy = "income", Seed = 2 });

        split.TestRows.Should().HaveCount(200);
        split.ValidationRows.Should().HaveCount(150);
        foreach (var label in new[] { "<=50K", ">50K" })
        {
            int total = income.Count(v => v == label);
            int inTest = split.TestRows.Count(i => income[i] == label);
            double share = 200.0 * total / 1000;
            inTest.Should().BeInRange((int)Math.Floor(share), (int)Math.Ceiling(share), $"class {label} has {total} of 1000 rows");
        }
    }

    [Fact]
    public void GroupedSplit_KeepsEveryGroupInOnePart()
    {
        var table = KFoldTests.Adult(300);
        var education = table.Categorical("education").Values;
        int groups = education.Distinct().Count();

        var split = table.Split(new TableSplitOptions { TestFraction = 0.25, GroupBy = "education", Seed = 4 });

        var testGroups = split.TestRows.Select(i => education[i]).ToHashSet();
        var trainGroups = split.TrainRows.Select(i => education[i]).ToHashSet();
        testGroups.Overlaps(trainGroups).Should().BeFalse();
        testGroups.Should().HaveCount((int)Math.Ceiling(0.25 * groups));
        split.TrainRows.Count.Should().Be(300 - split.TestRows.Count);
    }

    [Fact]
    public void BadOptions_AreNamed()
    {
        var table = KFoldTests.Adult(10);

        table.Invoking(t => t.Split(new TableSplitOptions { TestFraction = 0.6, ValidationFraction = 0.4 }))
            .Should().Throw<ArgumentException>().WithMessage("*ValidationFraction (0.4) + TestFraction (0.6) must be below 1*");
        table.Invoking(t => t.Split(new TableSplitOptions { StratifyBy = "income", GroupBy = "sex" }))
            .Should().Throw<ArgumentException>().WithMessage("*StratifyBy ('income')*GroupBy ('sex')*");
        table.Invoking(t => t.Split(new TableSplitOptions { TestFraction = 0.6, GroupBy = "sex" }))
            .Should().Throw<ArgumentException>().WithMessage("*The test (2) and validation (0) parts leave no training groups of 'sex' out of 2*");
        table.Invoking(t => t.Split(new TableSplitOptions { StratifyBy = "label" }))
            .Should().Throw<KeyNotFoundException>().WithMessage("*'label'*");
        var act = () => new TableSplitOptions { TestFraction = 1 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*TestFraction must lie in (0, 1)*");
    }

    [Theory]
    [InlineData(10, new[] { 5, 3, 2 }, new[] { 5, 3, 2 })] // exact shares
    [InlineData(3, new[] { 5, 4, 1 }, new[] { 2, 1, 0 })]  // 1.5, 1.2, 0.3: floors 1, 1, 0; the one left goes to the largest remainder (0.5)
    [InlineData(2, new[] { 1, 1, 1, 1 }, new[] { 1, 1, 0, 0 })] // equal remainders: the earlier classes first
    public void Apportion_UsesLargestRemainders(int total, int[] sizes, int[] expected)
        => RowSplits.Apportion(total, sizes).Should().Equal(expected);
}

using MultiTask.Tabular.Splitting;
using MultiTask.Tabular.Tests.Preprocessing;
using R = MultiTask.Tabular.Tests.Splitting.SklearnSplitReference;

namespace MultiTask.Tabular.Tests.Splitting;

public sealed class KFoldTests
{
    [Fact]
    public void KFold_Unshuffled_EqualsScikitLearn()
    {
        TestFolds(Adult(23).KFold(new KFoldOptions { Folds = 5 })).Should().Equal(R.KFold5Of23);
        TestFolds(Adult(10).KFold(new KFoldOptions { Folds = 4 })).Should().Equal(R.KFold4Of10);
    }

    [Fact]
    public void StratifiedKFold_Unshuffled_EqualsScikitLearn_OnCategoricalAndNumericColumns()
    {
        TestFolds(Adult(60).KFold(new KFoldOptions { Folds = 5, StratifyBy = "income" })).Should().Equal(R.StratifiedKFold5IncomeFirst60);
        TestFolds(Adult(60).KFold(new KFoldOptions { Folds = 4, StratifyBy = "relationship" })).Should().Equal(R.StratifiedKFold4RelationshipFirst60);
        TestFolds(Adult(40).KFold(new KFoldOptions { Folds = 3, StratifyBy = "education-num" })).Should().Equal(R.StratifiedKFold3EducationNumFirst40);
    }

    [Fact]
    public void GroupKFold_EqualsScikitLearn_IncludingTiesInGroupSizes()
    {
        TestFolds(Adult(60).KFold(new KFoldOptions { Folds = 4, GroupBy = "education" })).Should().Equal(R.GroupKFold4EducationFirst60);
        TestFolds(Adult(40).KFold(new KFoldOptions { Folds = 3, GroupBy = "age" })).Should().Equal(R.GroupKFold3AgeFirst40);
        TestFolds(Adult(200).KFold(new KFoldOptions { Folds = 5, GroupBy = "marital-status" })).Should().Equal(R.GroupKFold5MaritalStatusFirst200);
    }

    [Fact]
    public void EveryFold_TrainIsTheAscendingComplementOfTest()
    {
        var folds = Adult(23).KFold(new KFoldOptions { Folds = 5, Shuffle = true, Seed = 3 });

        foreach (var fold in folds)
        {
            fold.TrainRows.Concat(fold.TestRows).Order().Should().Equal(Enumerable.Range(0, 23));
            fold.TrainRows.Should().BeInAscendingOrder();
            fold.TestRows.Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public void ShuffledKFold_KeepsScikitLearnsFoldSizes_AndIsReproducible()
    {
        var options = new KFoldOptions { Folds = 5, Shuffle = true, Seed = 7 };

        var folds = Adult(23).KFold(options);

        // KFold: the first 23 mod 5 = 3 folds hold ⌈23/5⌉ = 5 rows, the others 4.
        folds.Select(f => f.TestRows.Count).Should().Equal(5, 5, 5, 4, 4);
        TestFolds(Adult(23).KFold(options)).Should().Equal(TestFolds(folds));
        TestFolds(folds).Should().NotEqual(R.KFold5Of23, "shuffling moves rows out of the contiguous blocks");
    }

    [Fact]
    public void ShuffledStratifiedKFold_KeepsEachClassesPerFoldCounts()
    {
        var table = Adult(60);
        var income = table.Categorical("income").Values;

        var shuffled = TestFolds(table.KFold(new KFoldOptions { Folds = 5, StratifyBy = "income", Shuffle = true, Seed = 1 }));

        // StratifiedKFold shuffles only which rows of a class go to which fold, not how many.
        foreach (var label in income.Distinct())
        {
            var rows = Enumerable.Range(0, 60).Where(i => income[i] == label).ToArray();
            for (int f = 0; f < 5; f++)
            {
                rows.Count(i => shuffled[i] == f).Should().Be(rows.Count(i => R.StratifiedKFold5IncomeFirst60[i] == f), $"class {label}, fold {f}");
            }
        }

        shuffled.Should().NotEqual(R.StratifiedKFold5IncomeFirst60);
    }

    [Fact]
    public void BadCombinations_AreNamed()
    {
        var table = Adult(30);

        table.Invoking(t => t.KFold(new KFoldOptions { GroupBy = "education", Shuffle = true }))
            .Should().Throw<ArgumentException>().WithMessage("*Shuffle*GroupBy*");
        table.Invoking(t => t.KFold(new KFoldOptions { GroupBy = "education", StratifyBy = "income" }))
            .Should().Throw<ArgumentException>().WithMessage("*StratifyBy ('income')*GroupBy ('education')*");
        table.Invoking(t => t.KFold(new KFoldOptions { Folds = 3, GroupBy = "sex" }))
            .Should().Throw<ArgumentException>().WithMessage("*'sex' has 2 groups, fewer than Folds = 3*");
        table.Invoking(t => t.KFold(new KFoldOptions { Folds = 31 }))
            .Should().Throw<ArgumentException>().WithMessage("*Folds = 31 exceeds the 30 rows*");
        Adult(30).Invoking(t => t.KFold(new KFoldOptions { GroupBy = "occupation" }))
            .Should().Throw<ArgumentException>().WithMessage("*'occupation' is missing a value at row 27*");
        // Rows 0-9 of adult: 'sex' has 6 Male and 4 Female rows, both fewer than 8 folds (scikit-learn's ValueError).
        KFoldTests.Adult(10).Invoking(t => t.KFold(new KFoldOptions { Folds = 8, StratifyBy = "sex" }))
            .Should().Throw<ArgumentException>().WithMessage("Column 'sex': every class has fewer rows than Folds = 8*");
        var act = () => new KFoldOptions { Folds = 1 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Folds must be ≥ 2*");
    }

    /// <summary>The first rows of adult.data (as the reference script reads them).</summary>
    internal static TabularData Adult(int rows) => PreprocessingData.Adult().Train.TakeRows(Enumerable.Range(0, rows).ToArray());

    /// <summary>For every row, the fold that tests it (the reference script's encoding).</summary>
    private static int[] TestFolds(IReadOnlyList<TableFold> folds)
    {
        var fold = Enumerable.Repeat(-1, folds.Sum(f => f.TestRows.Count)).ToArray();
        for (int f = 0; f < folds.Count; f++)
        {
            foreach (int row in folds[f].TestRows)
            {
                fold[row] = f;
            }
        }

        return fold;
    }
}

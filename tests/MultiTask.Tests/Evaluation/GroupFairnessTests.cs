using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>Fairness differences (fairlearn's definitions) on hand-computed values.</summary>
public sealed class GroupFairnessTests
{
    [Fact]
    public void Differences_MatchHandComputation()
    {
        // group a: y = 1 1 0 0, ŷ = 1 0 1 0 → selection 2/4, TPR 1/2, FPR 1/2
        // group b: y = 1 0 0 1 0 0, ŷ = 1 1 1 1 0 0 → selection 4/6, TPR 2/2, FPR 2/4
        // DP difference = 2/3 − 1/2 = 1/6; EO difference = max(1 − 1/2, 1/2 − 1/2) = 1/2
        int[] y = [1, 1, 0, 0, 1, 0, 0, 1, 0, 0];
        int[] yHat = [1, 0, 1, 0, 1, 1, 1, 1, 0, 0];
        string[] groups = ["a", "a", "a", "a", "b", "b", "b", "b", "b", "b"];
        var fairness = GroupFairness.Compute("loan", y, yHat, groups);

        fairness.Groups.Should().Equal("a", "b");
        fairness.RowCounts.Should().Equal(4, 6);
        fairness.SelectionRates.Should().Equal([0.5, 4.0 / 6], (a, b) => Math.Abs(a - b) < 1e-12);
        fairness.TruePositiveRates.Should().Equal(0.5, 1.0);
        fairness.FalsePositiveRates.Should().Equal(0.5, 0.5);
        fairness.DemographicParityDifference.Should().BeApproximately(1.0 / 6, 1e-12);
        fairness.EqualizedOddsDifference.Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void GroupWithoutPositives_HasTruePositiveRateZero()
    {
        // group b has no positive: TPR 0 (fairlearn), so the TPR gap is 1 − 0
        var fairness = GroupFairness.Compute("loan", [1, 0, 0, 0], [1, 0, 1, 0], ["a", "a", "b", "b"]);
        fairness.TruePositiveRates.Should().Equal(1.0, 0.0);
        fairness.FalsePositiveRates.Should().Equal(0.0, 0.5);
        fairness.EqualizedOddsDifference.Should().Be(1.0);
    }

    [Fact]
    public void GroupCountMismatch_NamesTaskAndCounts()
    {
        var act = () => GroupFairness.Compute("loan", [1, 0], [1, 0], ["a"]);
        act.Should().Throw<ArgumentException>().WithMessage("*'loan'*1 group labels for 2 rows*");
    }
}

using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Interpretability;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Interpretability;

/// <summary>
/// Task y = 2·x0 − x2 and task z = x1, both fitted exactly by hand-set weights, so the baseline MSE is 0 and a
/// permuted column's importance is the MSE its change causes, computed here by hand.
/// </summary>
public sealed class PermutationImportanceTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("y"), TaskSpec.Regression("z")];
    private static readonly float[,] X = { { 1, 0, 5 }, { 2, 1, -1 }, { 3, 0, 2 }, { 4, 1, 0 } };

    // Repeat 0 reverses the rows, repeat 1 swaps rows (0,1) and (2,3); the same orders for every feature, as in scikit-learn.
    private static readonly int[][] Orders = [[3, 2, 1, 0], [1, 0, 3, 2]];

    [Fact]
    public void Importance_IsBaselineMinusPermutedScore_WithHandComputedMeanAndStd()
    {
        using var model = LinearModels.Identity(Tasks, 3, [2, 0, -1], [0, 1, 0]);
        using var data = Data();

        var report = PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Repeats = 2, Permutations = (_, k) => Orders[k] });

        // y, feature 0: reversed x0 = [4,3,2,1] changes the prediction by 2·[3,1,−1,−3] → MSE (36+4+4+36)/4 = 20;
        // swapped x0 = [2,1,4,3] → 2·[1,−1,1,−1] → MSE 4. Mean 12, population std 8. The score is −MSE (lower is better).
        var y = report["y"];
        y.Metric.Should().Be(MetricNames.MeanSquaredError);
        y.BaselineScore.Should().BeApproximately(0, 1e-12);
        y.Repeats(0).Should().Equal([20, 4], (a, b) => Math.Abs(a - b) < 1e-6);
        y.Mean[0].Should().BeApproximately(12, 1e-6);
        y.StandardDeviation[0].Should().BeApproximately(8, 1e-6);

        // y, feature 1 has weight 0: exactly zero importance.
        y.Repeats(1).Should().Equal(0, 0);

        // y, feature 2 (weight −1): reversed x2 = [0,2,−1,5] → [−5,3,−3,5] → MSE 17; swapped [−1,5,0,2] → [−6,6,−2,2] → MSE 20.
        y.Repeats(2).Should().Equal([17, 20], (a, b) => Math.Abs(a - b) < 1e-6);
        y.Mean[2].Should().BeApproximately(18.5, 1e-6);
        y.StandardDeviation[2].Should().BeApproximately(1.5, 1e-6);
        y.Ranking().Should().Equal(2, 0, 1);

        // z = x1: both orders turn x1 into [1,0,1,0] → MSE 1; the features z does not use have zero importance.
        var z = report["z"];
        z.Mean.Should().Equal(0, 1, 0);
        z.StandardDeviation.Should().Equal(0, 0, 0);
        z.Ranking()[0].Should().Be(1);
    }

    [Fact]
    public void HigherIsBetterMetric_ImportanceIsTheDropInScore()
    {
        using var model = LinearModels.Identity(Tasks, 3, [2, 0, -1], [0, 1, 0]);
        using var data = Data();
        var options = new PermutationImportanceOptions { Repeats = 2, Permutations = (_, k) => Orders[k], Metrics = new Dictionary<string, IMetric> { ["y"] = StandardMetrics.R2 } };

        var y = PermutationImportance.Compute(model, data, options)["y"];

        // y = [−3, 5, 4, 8] has Σ(y − ȳ)² = 65, so R² = 1 − 4·MSE/65 and the importance (1 − R²_perm) is 4·MSE/65.
        y.Metric.Should().Be(MetricNames.R2);
        y.BaselineScore.Should().BeApproximately(1, 1e-9);
        y.Repeats(0)[0].Should().BeApproximately(80.0 / 65, 1e-6);
        y.Repeats(0)[1].Should().BeApproximately(16.0 / 65, 1e-6);
    }

    [Fact]
    public void SeededPermutations_RankThePlantedFeatureFirst_UnusedFeaturesExactlyZero_AndLeakNoTensor()
    {
        var x = Problems.Features(40, 4, seed: 7);
        var y = Enumerable.Range(0, 40).Select(i => 3f * x[i, 1]).ToArray();
        using var model = LinearModels.Identity([TaskSpec.Regression("y")], 4, [0, 3, 0, 0]);
        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Regression("y")], [y]);
        PermutationImportanceReport? report = null;

        Leak.AssertNone(() => report = PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Repeats = 3, Seed = 11 }), "permutation importance");

        report!["y"].Ranking()[0].Should().Be(1);
        report["y"].Mean[1].Should().BeGreaterThan(0);
        foreach (int f in new[] { 0, 2, 3 })
        {
            report["y"].Repeats(f).Should().Equal(0, 0, 0);
        }
    }

    [Fact]
    public void BadInput_NamesTheTaskOrOption()
    {
        using var model = LinearModels.Identity(Tasks, 3, [2, 0, -1], [0, 1, 0]);
        using var data = Data();

        var unknown = () => PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Metrics = new Dictionary<string, IMetric> { ["w"] = StandardMetrics.R2 } });
        unknown.Should().Throw<ArgumentException>().WithMessage("*unknown task 'w'*");

        var wrongKind = () => PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Metrics = new Dictionary<string, IMetric> { ["z"] = StandardMetrics.Accuracy } });
        wrongKind.Should().Throw<ArgumentException>().WithMessage("*'Accuracy'*task 'z'*");

        using var unlabelled = data.WithoutLabels([0, 1, 2, 3], ["z"]);
        var noLabels = () => PermutationImportance.Compute(model, unlabelled);
        noLabels.Should().Throw<ArgumentException>().WithMessage("*Task 'z' has no labelled row*");

        var notAPermutation = () => PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Repeats = 1, Permutations = (_, _) => [0, 0, 1, 2] });
        notAPermutation.Should().Throw<InvalidOperationException>().WithMessage("The row order for feature 0, repeat 0 is not a permutation of [0, 4).");

        var report = PermutationImportance.Compute(model, data, new PermutationImportanceOptions { Repeats = 1, Permutations = (_, _) => Orders[0] });
        var missing = () => report["w"];
        missing.Should().Throw<KeyNotFoundException>().WithMessage("Unknown task 'w'; the report has tasks 'y', 'z'.");

        var repeats = () => new PermutationImportanceOptions { Repeats = 0 };
        repeats.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*PermutationImportanceOptions.Repeats must be ≥ 1*");
    }

    private static MultiTaskDataset Data()
    {
        float[] y = [-3, 5, 4, 8], z = [0, 1, 0, 1];
        return MultiTaskDataset.FromArrays(X, Tasks, [y, z]);
    }
}

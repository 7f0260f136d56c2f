using MultiTask.Evaluation;

namespace MultiTask.Tests.Evaluation;

/// <summary>Δm (Maninis et al., 2019) on hand-computed values.</summary>
public sealed class MultiTaskGainTests
{
    [Fact]
    public void DeltaM_IsTheMeanSignedRelativeChange()
    {
        // accuracy 0.80 → 0.84: +5 %; RMSE 2.0 → 2.2 (lower is better): −10 %; macro-F1 0.50 → 0.55: +10 %.
        // Δm = (5 − 10 + 10) / 3 = 5/3 %.
        var gain = MultiTaskGain.Compute(
        [
            new MetricComparison("a", MetricNames.Accuracy, 0.84, 0.80, higherIsBetter: true),
            new MetricComparison("b", MetricNames.RootMeanSquaredError, 2.2, 2.0, higherIsBetter: false),
            new MetricComparison("c", MetricNames.MacroF1, 0.55, 0.50, higherIsBetter: true),
        ]);

        gain.Comparisons.Select(c => c.RelativeChangePercent).Should().Equal([5.0, -10.0, 10.0], (a, b) => Math.Abs(a - b) < 1e-9);
        gain.DeltaMPercent.Should().BeApproximately(5.0 / 3.0, 1e-9);
    }

    [Fact]
    public void ZeroBaseline_IsRejectedNamingTaskAndMetric()
    {
        var act = () => new MetricComparison("price", "MAE", 0.1, 0.0, higherIsBetter: false);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'price'*'MAE'*not 0*");
    }
}

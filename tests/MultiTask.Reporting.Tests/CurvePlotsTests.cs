using MultiTask.Evaluation;

namespace MultiTask.Reporting.Tests;

public class CurvePlotsTests
{
    // Scores with labels; by hand (threshold = score, positive when ≥): ROC points after dropping collinear ones are
    // (0,0) (0,1/3) (0,2/3) (1/3,2/3) (1/3,1) (1,1) — checked against the curve object below.
    private static readonly int[] Actual = [0, 0, 1, 1, 0, 1];
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9];

    [Fact]
    public void Roc_DrawsTheCurvePointsThroughOneAffineMapPerAxis()
    {
        var curve = RocCurve.Compute(Actual, Scores);
        curve.FalsePositiveRates.Should().Equal(0, 0, 0, 1.0 / 3, 1.0 / 3, 1);
        curve.TruePositiveRates.Should().Equal(0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1);

        string svg = CurvePlots.Roc(curve).ToSvg(400, 400);

        var line = SvgLines.InDataArea(svg, "#1f77b4").Should().ContainSingle().Subject;
        line.Should().HaveCount(6);
        ChartAssertions.ShouldBeAffine([0, 0, 0, 1.0 / 3, 1.0 / 3, 1], [.. line.Select(p => p.X)]).Should().BePositive();
        ChartAssertions.ShouldBeAffine([0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1, 1], [.. line.Select(p => p.Y)]).Should().BeNegative();
    }

    [Fact]
    public void PrecisionRecall_PlotsRecallAcrossAndPrecisionUp()
    {
        var curve = PrecisionRecallCurve.Compute(Actual, Scores);

        string svg = CurvePlots.PrecisionRecall(curve).ToSvg(400, 400);

        var line = SvgLines.InDataArea(svg, "#1f77b4").Should().ContainSingle().Subject;
        line.Should().HaveCount(7);   // six distinct scores, then the final (recall 0, precision 1)
        ChartAssertions.ShouldBeAffine([.. curve.Recall], [.. line.Select(p => p.X)]).Should().BePositive();
        ChartAssertions.ShouldBeAffine([.. curve.Precision], [.. line.Select(p => p.Y)]).Should().BeNegative();
    }

    [Fact]
    public void Calibration_PlotsOnePointPerNonEmptyBin_OnTheSameScaleAsTheDiagonal()
    {
        // Five uniform bins (edges 0, 0.2, …, 1; a probability on an inner edge falls in the lower bin): 0.1 and 0.2
        // in bin 0, 0.35 and 0.4 in bin 1, 0.8 in bin 3, 0.9 in bin 4 → 4 points: mean predicted 0.15, 0.375, 0.8,
        // 0.9; fraction of positives 0, 0.5, 1, 1.
        var curve = CalibrationCurve.Compute(Actual, Scores);

        string svg = CurvePlots.Calibration(curve).ToSvg(400, 400);

        var line = SvgLines.InDataArea(svg, "#1f77b4").Should().ContainSingle().Subject;
        line.Should().HaveCount(4);
        double px = ChartAssertions.ShouldBeAffine([0.15, 0.375, 0.8, 0.9], [.. line.Select(p => p.X)]);
        double py = ChartAssertions.ShouldBeAffine([0, 0.5, 1, 1], [.. line.Select(p => p.Y)]);
        px.Should().BePositive();
        py.Should().BeNegative();
    }
}

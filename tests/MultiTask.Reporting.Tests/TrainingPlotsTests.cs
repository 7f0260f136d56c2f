using MultiTask.Training;

namespace MultiTask.Reporting.Tests;

public class TrainingPlotsTests
{
    private static EpochRecord Epoch(int epoch, double a, double b, double? aValidation = null) =>
        new(epoch, 4, a + b, null, [new("a", a, aValidation, 1), new("b", b, null, 1)], TimeSpan.Zero);

    private static readonly EpochRecord[] Epochs = [Epoch(1, 4, 2), Epoch(2, 3, 1.5), Epoch(3, 2, 1.2), Epoch(4, 1, 1.1)];

    [Fact]
    public void Curves_DrawOneLinePerTaskThroughItsLossesOnSharedAxes()
    {
        string svg = TrainingPlots.Curves(Epochs).ToSvg(400, 300);

        // Task 0 in tab10 colour 0, task 1 in colour 1; one line each, one point per epoch.
        var a = SvgLines.InDataArea(svg, "#1f77b4").Should().ContainSingle().Subject;
        var b = SvgLines.InDataArea(svg, "#ff7f0e").Should().ContainSingle().Subject;
        a.Should().HaveCount(4);
        b.Should().HaveCount(4);

        // x: epochs 1..4 map to the same pixel columns, increasing, evenly spaced.
        a.Select(p => p.X).Should().Equal(b.Select(p => p.X));
        ChartAssertions.ShouldBeAffine([1, 2, 3, 4], [.. a.Select(p => p.X)]).Should().BePositive();
        // y: one affine map (SVG y grows downwards, so a negative slope) for both tasks' losses together.
        double[] losses = [4, 3, 2, 1, 2, 1.5, 1.2, 1.1];
        double[] pixels = [.. a.Concat(b).Select(p => p.Y)];
        ChartAssertions.ShouldBeAffine(losses, pixels).Should().BeNegative();
    }

    [Fact]
    public void Curves_AddAValidationLineOnlyForTasksWithValidationLosses()
    {
        var epochs = new[] { Epoch(1, 4, 2, 5), Epoch(2, 3, 1.5, 4), Epoch(3, 2, 1.2, 3.5) };

        string svg = TrainingPlots.Curves(epochs).ToSvg(400, 300);

        svg.Should().Contain("a (validation)").And.Contain("a (train)").And.Contain("b (train)").And.NotContain("b (validation)");
    }

    [Fact]
    public void Curves_LeaveOutEpochsWithoutALoss()
    {
        var epochs = new[] { Epoch(1, 4, double.NaN), Epoch(2, 3, 1.5), Epoch(3, 2, 1.2) };

        string svg = TrainingPlots.Curves(epochs).ToSvg(400, 300);

        SvgLines.InDataArea(svg, "#ff7f0e").Should().ContainSingle().Which.Should().HaveCount(2);
        SvgLines.InDataArea(svg, "#1f77b4").Should().ContainSingle().Which.Should().HaveCount(3);
    }

    [Fact]
    public void Curves_OfAnEmptyHistory_SayWhatIsMissing()
    {
        var act = () => TrainingPlots.Curves(Array.Empty<EpochRecord>());

        act.Should().Throw<ArgumentException>().WithMessage("*at least one epoch*");
    }
}

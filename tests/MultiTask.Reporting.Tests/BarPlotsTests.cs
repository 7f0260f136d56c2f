using MultiTask.Evaluation;

namespace MultiTask.Reporting.Tests;

public class BarPlotsTests
{
    [Fact]
    public void Importances_DrawBarsProportionalToTheValues_FirstFeatureOnTop()
    {
        string svg = BarPlots.Importances(["age", "education-num", "hours"], [0.3, 0.1, 0.05], [0.02, 0.01, 0.03]).ToSvg(400, 300);

        var bars = SvgLines.Rectangles(svg, "#1f77b4");
        bars.Should().HaveCount(3);
        bars.Select(b => b.X).Distinct().Should().ContainSingle("every bar starts at importance 0");
        bars[1].Width.Should().BeApproximately(bars[0].Width / 3, 0.01);   // 0.1 / 0.3
        bars[2].Width.Should().BeApproximately(bars[0].Width / 6, 0.01);   // 0.05 / 0.3
        bars.Select(b => b.Y).Should().BeInAscendingOrder("SVG y grows downwards: the first feature is the top bar");
        svg.Should().Contain("education-num");
    }

    [Fact]
    public void Importances_WithAMissingValue_NameTheParameter()
    {
        var act = () => BarPlots.Importances(["a", "b"], [0.3]);

        act.Should().Throw<ArgumentException>().WithMessage("importances has 1 values for 2 features.*");
    }

    [Fact]
    public void DeltaM_DrawsEachTermSignedAndColoured_AndTitlesTheMean()
    {
        // Relative changes by hand: (0.8 − 0.82) / 0.82 = −2.439 %; (0.6 − 0.55) / 0.55 = +9.091 %;
        // MSE lower is better: −(1.1 − 1.0) / 1.0 = −10 %. Δm = mean = −1.116 %.
        var gain = MultiTaskGain.Compute([
            new MetricComparison("income", "Accuracy", 0.8, 0.82, true),
            new MetricComparison("relationship", "MacroF1", 0.6, 0.55, true),
            new MetricComparison("reg", "MSE", 1.1, 1.0, false),
        ]);

        string svg = BarPlots.DeltaM(gain).ToSvg(400, 300);

        var worse = SvgLines.Rectangles(svg, "#d62728");
        var better = SvgLines.Rectangles(svg, "#2ca02c").Should().ContainSingle().Subject;
        worse.Should().HaveCount(2);
        // The positive bar starts where the negative ones end (at 0); lengths are proportional to |change|.
        worse[0].X.Should().BeApproximately(better.X - worse[0].Width, 0.01);
        worse[1].X.Should().BeApproximately(better.X - worse[1].Width, 0.01);
        worse[0].Width.Should().BeApproximately(better.Width * (0.02 / 0.82) / (0.05 / 0.55), 0.01);
        worse[1].Width.Should().BeApproximately(better.Width * 0.1 / (0.05 / 0.55), 0.01);
        svg.Should().Contain("Δm = -1.12 %");
    }
}

using MultiTask.Evaluation;

namespace MultiTask.Reporting.Tests;

public class ConfusionMatrixPlotTests
{
    // actual [0,0,1,1,2,2,2], predicted [0,1,1,1,2,0,2]; counted by hand:
    // true 0 → predicted 0: 1, 1: 1, 2: 0; true 1 → 0, 2, 0; true 2 → 1, 0, 2.
    private static readonly ConfusionMatrix Matrix = ConfusionMatrix.Compute([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2], 3);

    // Cell labels are drawn at 14 px.
    private static string[][] CellGrid(string svg) => SvgLines.TextGrid(svg, 14);

    [Fact]
    public void Heatmap_LabelsEachCellWithItsCount_TrueClassesDownPredictedAcross()
    {
        string svg = ConfusionMatrixPlot.Heatmap(Matrix, ["cat", "dog", "bird"]).ToSvg(500, 400);

        CellGrid(svg).Should().BeEquivalentTo(new[] { new[] { "1", "1", "0" }, ["0", "2", "0"], ["1", "0", "2"] }, o => o.WithStrictOrdering());
        svg.Should().Contain("cat").And.Contain("dog").And.Contain("bird");
    }

    [Fact]
    public void Heatmap_NormalizedByTrueClass_ShowsRowShares()
    {
        string svg = ConfusionMatrixPlot.Heatmap(Matrix, normalization: ConfusionNormalization.True).ToSvg(500, 400);

        // Row totals 2, 2, 3.
        CellGrid(svg).Should().BeEquivalentTo(new[] { new[] { "0.50", "0.50", "0.00" }, ["0.00", "1.00", "0.00"], ["0.33", "0.00", "0.67"] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Heatmap_WithTheWrongNumberOfClassNames_SaysHowMany()
    {
        var act = () => ConfusionMatrixPlot.Heatmap(Matrix, ["cat", "dog"]);

        act.Should().Throw<ArgumentException>().WithMessage("*3 classes but 2 class names*");
    }
}

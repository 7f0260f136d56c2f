namespace MultiTask.Reporting.Tests;

public class MatrixPlotsTests
{
    [Fact]
    public void Heatmap_LabelsEveryCellInTheInvariantCulture_RowZeroOnTop()
    {
        double[,] affinity = { { 1, -0.5 }, { 0.25, double.NaN } };
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        string svg;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            svg = MatrixPlots.Heatmap(affinity, ["income", "relationship"], ["income", "relationship"], "Task affinity").ToSvg(400, 300);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        SvgLines.TextGrid(svg, 14).Should().BeEquivalentTo(new[] { new[] { "1.00", "-0.50" }, ["0.25", "NaN"] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Heatmap_WithTooFewLabels_SaysWhatItGot()
    {
        var act = () => MatrixPlots.Heatmap(new double[2, 3], ["a", "b"], ["x", "y"]);

        act.Should().Throw<ArgumentException>().WithMessage("*got 2 × 3 values, 2 row labels and 2 column labels*");
    }

    [Theory]
    [InlineData(0.0, 0xb2, 0x18, 0x2b)]   // most negative: red
    [InlineData(0.5, 0xff, 0xff, 0xff)]   // zero: white
    [InlineData(1.0, 0x21, 0x66, 0xac)]   // most positive: blue
    [InlineData(0.75, 0x90, 0xb3, 0xd6)]  // halfway from white to blue: (255 + 33) / 2 = 144, (255 + 102) / 2 = 178.5 → 179, (255 + 172) / 2 = 213.5 → 214
    public void RedWhiteBlue_IsSymmetricAroundWhite(double t, int r, int g, int b)
    {
        var color = new RedWhiteBlue().GetColor(t);

        (color.R, color.G, color.B).Should().Be(((byte)r, (byte)g, (byte)b));
    }
}

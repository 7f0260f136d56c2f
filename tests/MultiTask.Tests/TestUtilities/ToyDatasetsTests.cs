namespace MultiTask.Tests.TestUtilities;

/// <summary>The loaders read the published shapes (the datasets' READMEs) and known first values.</summary>
public sealed class ToyDatasetsTests
{
    [Fact]
    public void Loaders_ReadThePublishedShapes()
    {
        ToyDatasets.BreastCancer().X.GetLength(0).Should().Be(569);
        ToyDatasets.BreastCancer().X.GetLength(1).Should().Be(30);
        ToyDatasets.Wine().X.GetLength(0).Should().Be(178);
        ToyDatasets.Diabetes().X.GetLength(1).Should().Be(10);
        ToyDatasets.Diabetes().Targets[0][0].Should().Be(151.0);
        ToyDatasets.Linnerud().TargetNames.Should().Equal("Weight", "Waist", "Pulse");
        ToyDatasets.EnergyEfficiency().X.GetLength(0).Should().Be(768);
        ToyDatasets.BreastCancer().X[0, 0].Should().Be(17.99);
    }
}

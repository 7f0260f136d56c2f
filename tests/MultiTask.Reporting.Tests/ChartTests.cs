using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Reporting.Tests;

public class ChartTests
{
    private static Chart Sample() =>
        TrainingPlots.Curves([new EpochRecord(1, 2, 1, null, [new("a", 1, null, 1)], TimeSpan.Zero), new EpochRecord(2, 2, 0.5, null, [new("a", 0.5, null, 1)], TimeSpan.Zero)]);

    [Theory]
    [InlineData(640, 480)]
    [InlineData(321, 123)]
    public void SavePng_WritesThe_RequestedSize_IntoTheIhdrHeader(int width, int height)
    {
        using var folder = new TempDirectory();
        string path = folder.File("curves.png");

        Sample().SavePng(path, width, height);

        PngHeader.Size(File.ReadAllBytes(path)).Should().Be((width, height));
    }

    [Fact]
    public void SaveSvg_WritesTheRequestedSize_AndReplacesAnOldFile_LeavingNoTemporaryFile()
    {
        using var folder = new TempDirectory();
        string path = folder.File("curves.svg");
        File.WriteAllText(path, "old");

        Sample().SaveSvg(path, 500, 250);

        string svg = File.ReadAllText(path);
        svg.Should().Contain("""width="500" height="250""");
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Should().Equal("curves.svg");
    }

    [Fact]
    public void SavePng_IntoAMissingFolder_NamesTheFolder()
    {
        using var folder = new TempDirectory();
        string missing = Path.Combine(folder.Path, "nope");

        var act = () => Sample().SavePng(Path.Combine(missing, "x.png"));

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*'{missing}'*");
    }

    [Theory]
    [InlineData(0, 10, "width")]
    [InlineData(10, 0, "height")]
    public void ToPng_WithAnEmptySize_NamesTheParameter(int width, int height, string parameter)
    {
        var act = () => Sample().ToPng(width, height);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(parameter);
    }
}

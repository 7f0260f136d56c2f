using System.Globalization;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>
/// A finished plot (a ScottPlot <see cref="ScottPlot.Plot"/>), saved as PNG or SVG. Files are written atomically: to a
/// temporary file in the same folder, then renamed over the target.
/// </summary>
public sealed class Chart
{
    internal Chart(Plot plot)
    {
        Plot = plot;
    }

    /// <summary>The underlying ScottPlot plot, for changes before saving (titles, colours, axis limits).</summary>
    public Plot Plot { get; }

    /// <summary>Renders the chart as PNG bytes.</summary>
    /// <param name="width">The image width in pixels. Range: ≥ 1.</param>
    /// <param name="height">The image height in pixels. Range: ≥ 1.</param>
    public byte[] ToPng(int width, int height)
    {
        CheckSize(width, height);
        return Plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Renders the chart as an SVG document.</summary>
    /// <param name="width">The image width in pixels. Range: ≥ 1.</param>
    /// <param name="height">The image height in pixels. Range: ≥ 1.</param>
    public string ToSvg(int width, int height)
    {
        CheckSize(width, height);
        return Plot.GetSvgXml(width, height);
    }

    /// <summary>Saves the chart as a PNG file (atomically).</summary>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="width">The image width in pixels. Range: ≥ 1. Default: 800.</param>
    /// <param name="height">The image height in pixels. Range: ≥ 1. Default: 600.</param>
    public void SavePng(string path, int width = 800, int height = 600) => AtomicFile.WriteAllBytes(path, ToPng(width, height));

    /// <summary>Saves the chart as an SVG file (atomically).</summary>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="width">The image width in pixels. Range: ≥ 1. Default: 800.</param>
    /// <param name="height">The image height in pixels. Range: ≥ 1. Default: 600.</param>
    public void SaveSvg(string path, int width = 800, int height = 600) => AtomicFile.WriteAllText(path, ToSvg(width, height));

    private static void CheckSize(int width, int height)
    {
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(width < 1 ? nameof(width) : nameof(height),
                $"A chart needs a size of at least 1 × 1 pixels; got {width.ToString(CultureInfo.InvariantCulture)} × {height.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiTask.Reporting.Tests;

/// <summary>Reads an SVG written by SkiaSharp: the stroked lines drawn inside the clipped data area, and the text labels.</summary>
internal static partial class SvgLines
{
    /// <summary>The unfilled paths inside a clip group (the data area, not the legend) in the given stroke colour, as point lists.</summary>
    public static List<(double X, double Y)[]> InDataArea(string svg, string strokeHex) =>
        [.. DataPath().Matches(svg)
            .Where(m => string.Equals(m.Groups["stroke"].Value, strokeHex.TrimStart('#'), StringComparison.OrdinalIgnoreCase))
            .Select(m => Points(m.Groups["d"].Value))];

    /// <summary>The texts of a given font size with their anchor positions.</summary>
    public static List<(string Text, double X, double Y)> Texts(string svg, int fontSize) =>
        [.. Text().Matches(svg)
            .Where(m => m.Groups["size"].Value == fontSize.ToString(CultureInfo.InvariantCulture))
            .Select(m => (m.Groups["text"].Value.Trim(), Parse(m.Groups["x"].Value), Parse(m.Groups["y"].Value)))];

    /// <summary>The texts of a given font size as a grid: rows top to bottom, columns left to right (heat-map cell labels).</summary>
    public static string[][] TextGrid(string svg, int fontSize) =>
        [.. Texts(svg, fontSize).GroupBy(c => Math.Round(c.Y, 1)).OrderBy(g => g.Key).Select(g => g.OrderBy(c => c.X).Select(c => c.Text).ToArray())];

    /// <summary>The filled rectangles in the given colour (bars), in document order.</summary>
    public static List<(double X, double Y, double Width, double Height)> Rectangles(string svg, string fillHex) =>
        [.. Rect().Matches(svg)
            .Where(m => string.Equals(m.Groups["fill"].Value, fillHex.TrimStart('#'), StringComparison.OrdinalIgnoreCase))
            .Select(m => (Parse(m.Groups["x"].Value), Parse(m.Groups["y"].Value), Parse(m.Groups["w"].Value), Parse(m.Groups["h"].Value)))];

    private static (double X, double Y)[] Points(string d)
    {
        var numbers = Number().Matches(d).Select(m => Parse(m.Value)).ToArray();
        d.Should().MatchRegex("^M[^M]*$", "a data line is one open polyline");
        return [.. Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i], numbers[(2 * i) + 1]))];
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<g clip-path="url\(#[^"]+\)">\s*<path fill="none" stroke="#(?<stroke>[0-9A-Fa-f]{6})"[^>]* d="(?<d>[^"]*)"/>""")]
    private static partial Regex DataPath();

    [GeneratedRegex("""<text[^>]*transform="translate\((?<x>[-0-9.e]+) (?<y>[-0-9.e]+)\)" font-size="(?<size>\d+)"[^>]*>(?<text>[^<]*)</text>""")]
    private static partial Regex Text();

    [GeneratedRegex("""<rect fill="#(?<fill>[0-9A-Fa-f]{6})" x="(?<x>[-0-9.e]+)" y="(?<y>[-0-9.e]+)" width="(?<w>[-0-9.e]+)" height="(?<h>[-0-9.e]+)"/>""")]
    private static partial Regex Rect();

    [GeneratedRegex(@"-?\d+(\.\d+)?(e-?\d+)?")]
    private static partial Regex Number();
}

using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>A diverging colour map: red (#b2182b, low) through white (middle) to blue (#2166ac, high), like matplotlib's "RdBu".</summary>
internal sealed class RedWhiteBlue : IColormap
{
    public string Name => "Red white blue";

    public Color GetColor(double normalizedIntensity)
    {
        double t = double.IsFinite(normalizedIntensity) ? Math.Clamp(normalizedIntensity, 0, 1) : 0.5;
        return t < 0.5
            ? new Color(Mix(0xb2, 0xff, 2 * t), Mix(0x18, 0xff, 2 * t), Mix(0x2b, 0xff, 2 * t))
            : new Color(Mix(0xff, 0x21, (2 * t) - 1), Mix(0xff, 0x66, (2 * t) - 1), Mix(0xff, 0xac, (2 * t) - 1));
    }

    private static byte Mix(int from, int to, double t) => (byte)Math.Round(from + ((to - from) * t), MidpointRounding.AwayFromZero);
}

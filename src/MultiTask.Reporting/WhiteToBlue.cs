using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>A colour map from near-white (#f7fbff, low) to dark blue (#08306b, high), like matplotlib's "Blues".</summary>
internal sealed class WhiteToBlue : IColormap
{
    public string Name => "White to blue";

    public Color GetColor(double normalizedIntensity)
    {
        double t = double.IsFinite(normalizedIntensity) ? Math.Clamp(normalizedIntensity, 0, 1) : 0;
        return new Color(Mix(0xf7, 0x08, t), Mix(0xfb, 0x30, t), Mix(0xff, 0x6b, t));
    }

    private static byte Mix(int low, int high, double t) => (byte)Math.Round(low + ((high - low) * t), MidpointRounding.AwayFromZero);
}

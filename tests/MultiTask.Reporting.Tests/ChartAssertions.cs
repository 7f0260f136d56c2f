namespace MultiTask.Reporting.Tests;

/// <summary>Checks that pixel coordinates are an affine image of data coordinates.</summary>
internal static class ChartAssertions
{
    /// <summary>
    /// Fits pixel = a + b·value through the two data points farthest apart and checks every other point against it
    /// (within 0.01 px); returns b, the pixels per data unit.
    /// </summary>
    public static double ShouldBeAffine(IReadOnlyList<double> values, IReadOnlyList<double> pixels)
    {
        values.Count.Should().Be(pixels.Count);
        int lo = 0, hi = 0;
        for (int i = 0; i < values.Count; i++)
        {
            lo = values[i] < values[lo] ? i : lo;
            hi = values[i] > values[hi] ? i : hi;
        }
        double b = (pixels[hi] - pixels[lo]) / (values[hi] - values[lo]);
        double a = pixels[lo] - (b * values[lo]);
        for (int i = 0; i < values.Count; i++)
        {
            pixels[i].Should().BeApproximately(a + (b * values[i]), 0.01, $"point {i} (value {values[i]}) lies on the axis mapping");
        }
        return b;
    }
}

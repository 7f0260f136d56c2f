using System.Globalization;

namespace Samples.Adult;

/// <summary>The mean and sample standard deviation of a few runs, printed as "0.9012 ± 0.0031".</summary>
internal readonly record struct MeanStd(double Mean, double Std)
{
    /// <summary>Mean and sample standard deviation (n − 1) of the values; the deviation is 0 for one value.</summary>
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MeanStd(mean, std);
    }

    /// <summary>The standard error of the mean of <paramref name="count"/> values in place of the deviation: Std / √count.</summary>
    public MeanStd ToStandardError(int count) => this with { Std = Std / Math.Sqrt(count) };

    /// <summary>Formats the mean with <paramref name="format"/> and the deviation with <paramref name="stdFormat"/>, or the same format when null (invariant culture).</summary>
    public string ToString(string format, string? stdFormat = null)
        => $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Std.ToString(stdFormat ?? format, CultureInfo.InvariantCulture)}";
}

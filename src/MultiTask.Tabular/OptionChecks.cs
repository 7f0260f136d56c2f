using System.Globalization;

namespace MultiTask.Tabular;

/// <summary>The range checks of options' <c>init</c> accessors: each names the property and its allowed range.</summary>
internal static class OptionChecks
{
    internal static double NonNegative(double value, string property)
        => value >= 0 && double.IsFinite(value) ? value : throw Out(property, value, "finite and ≥ 0");

    internal static double Positive(double value, string property)
        => value > 0 && double.IsFinite(value) ? value : throw Out(property, value, "finite and > 0");

    internal static double UnitInterval(double value, string property)
        => value is >= 0 and <= 1 ? value : throw Out(property, value, "in [0, 1]");

    internal static int AtLeast(int value, int minimum, string property)
        => value >= minimum ? value : throw Out(property, value, string.Create(CultureInfo.InvariantCulture, $"≥ {minimum}"));

    internal static string? OptionalColumnName(string? value, string property)
        => value is null || !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException($"{property} names a column; it cannot be blank.", property);

    private static ArgumentOutOfRangeException Out(string property, object value, string range)
        => new(property, value, $"{property} must be {range}; got {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
}

using System.Globalization;
using System.Runtime.CompilerServices;

namespace MultiTask.Weighting;

/// <summary>
/// Range checks for the <c>init</c> accessors of a weighting method's hyperparameters, so that an invalid method object
/// cannot exist: <c>public double Beta { get; init => field = Hyperparameter.Within(value, 0, 1); } = 0.5;</c>. Each
/// returns the value, or throws <see cref="ArgumentOutOfRangeException"/> naming the property (the caller) and the range.
/// </summary>
public static class Hyperparameter
{
    /// <summary>Requires a finite value &gt; 0.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static double Positive(double value, [CallerMemberName] string name = "")
        => Require(value, value > 0 && double.IsFinite(value), "finite and > 0", name);

    /// <summary>Requires a finite value ≥ 0.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static double NonNegative(double value, [CallerMemberName] string name = "")
        => Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", name);

    /// <summary>Requires a finite value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static double Finite(double value, [CallerMemberName] string name = "")
        => Require(value, double.IsFinite(value), "finite", name);

    /// <summary>Requires a value in [<paramref name="low"/>, <paramref name="high"/>], either end excluded on request.</summary>
    /// <param name="value">The value.</param>
    /// <param name="low">The lower end.</param>
    /// <param name="high">The upper end.</param>
    /// <param name="excludeLow">Whether <paramref name="low"/> itself is out of range.</param>
    /// <param name="excludeHigh">Whether <paramref name="high"/> itself is out of range.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static double Within(double value, double low, double high, bool excludeLow = false, bool excludeHigh = false, [CallerMemberName] string name = "")
    {
        bool ok = (excludeLow ? value > low : value >= low) && (excludeHigh ? value < high : value <= high);
        return Require(value, ok, string.Create(CultureInfo.InvariantCulture, $"in {(excludeLow ? '(' : '[')}{low}, {high}{(excludeHigh ? ')' : ']')}"), name);
    }

    /// <summary>Requires an integer ≥ <paramref name="minimum"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static int AtLeast(int value, int minimum, [CallerMemberName] string name = "")
    {
        Require(value, value >= minimum, string.Create(CultureInfo.InvariantCulture, $"≥ {minimum}"), name);
        return value;
    }

    /// <summary>Requires a defined value of the enumeration.</summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="name">The property's name (filled in by the compiler).</param>
    public static T Defined<T>(T value, [CallerMemberName] string name = "")
        where T : struct, Enum
        => Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}; got {value}.");

    private static double Require(double value, bool ok, string range, string name)
        => ok ? value : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {range}; got {value}."));
}

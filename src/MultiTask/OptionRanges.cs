using System.Globalization;
using System.Runtime.CompilerServices;

namespace MultiTask;

/// <summary>
/// Range checks for the <c>init</c> accessors of options classes: an invalid value throws at once, naming the owner,
/// the property, the allowed range and the value (formatted with the invariant culture).
/// </summary>
internal static class OptionRanges
{
    /// <summary>Returns <paramref name="value"/> when <paramref name="ok"/>; otherwise throws an <see cref="ArgumentOutOfRangeException"/> whose parameter name is the property.</summary>
    internal static T Require<T>(T value, bool ok, string range, string owner, [CallerMemberName] string property = "")
        => ok ? value : throw new ArgumentOutOfRangeException(property, value, string.Create(CultureInfo.InvariantCulture, $"{owner}.{property} must be {range}; got {value}."));

    /// <summary>Returns <paramref name="value"/> when it is a named member of its enum; otherwise throws, listing the members.</summary>
    internal static TEnum Defined<TEnum>(TEnum value, string owner, [CallerMemberName] string property = "")
        where TEnum : struct, Enum
        => Require(value, Enum.IsDefined(value), $"one of {string.Join(", ", Enum.GetNames<TEnum>())}", owner, property);
}

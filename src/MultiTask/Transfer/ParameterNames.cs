namespace MultiTask.Transfer;

/// <summary>Matching of parameter names against a group prefix ("trunk" matches "trunk" and "trunk.*", not "trunks.*").</summary>
internal static class ParameterNames
{
    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> or lies under it; a null prefix matches everything.</summary>
    internal static bool Under(string name, string? prefix)
        => prefix is null
            || name == prefix
            || (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.');

    /// <summary>Validates a prefix for an options property: not empty, not white space, no leading or trailing dot.</summary>
    internal static string? CheckPrefix(string? value, string property)
    {
        if (value is not null && (string.IsNullOrWhiteSpace(value) || value.StartsWith('.') || value.EndsWith('.')))
        {
            throw new ArgumentException($"{property} must be a parameter name prefix such as \"trunk\" or \"heads.income\" (not empty, no leading or trailing dot), or null; got \"{value}\".", property);
        }

        return value;
    }

    /// <summary>The distinct first components of names ("trunk", "heads"), for messages.</summary>
    internal static string Groups(IEnumerable<string> names)
        => string.Join(", ", names.Select(n => n.Split('.')[0]).Distinct().Select(n => $"'{n}'"));
}

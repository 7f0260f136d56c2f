using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiTask.Serialization;

/// <summary>
/// Strict reading of an untrusted JSON object: the exact set of fields (unknown, missing and null fields rejected
/// unless a field is declared optional or nullable), each of the declared JSON type and within its range. Every
/// failure is a <see cref="FormatException"/> naming the field by its path, e.g. <c>trunk.hiddenSizes[1]</c>.
/// </summary>
internal sealed class StrictJson
{
    private readonly JsonObject _json;
    private readonly string _path;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private StrictJson(JsonObject json, string path)
    {
        _json = json;
        _path = path;
    }

    /// <summary>The object at <paramref name="path"/>, which must be a JSON object.</summary>
    internal static StrictJson Of(JsonNode? node, string path)
        => node is JsonObject json ? new StrictJson(json, path) : throw Wrong(path, "an object", node);

    /// <summary>An integer field in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal long Integer(string key, long min, long max)
    {
        var node = Required(key);
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out long number))
        {
            throw Wrong(Field(key), "an integer", node);
        }

        return number >= min && number <= max
            ? number
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{Field(key)}' is {number}; it must be in [{min}, {max}]."));
    }

    /// <summary>An integer field that may be null.</summary>
    internal long? NullableInteger(string key, long min, long max) => IsNull(key) ? null : Integer(key, min, max);

    /// <summary>A finite number field in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal double Number(string key, double min, double max)
    {
        var node = Required(key);
        return Number(node, Field(key), min, max);
    }

    /// <summary>A string field of at most <paramref name="maxLength"/> characters.</summary>
    internal string String(string key, int maxLength = 1024)
    {
        var node = Required(key);
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw Wrong(Field(key), "a string", node);
        }

        string text = value.GetValue<string>();
        return text.Length <= maxLength
            ? text
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{Field(key)}' is {text.Length} characters long; at most {maxLength} are allowed."));
    }

    /// <summary>A string field that may be null or absent.</summary>
    internal string? OptionalString(string key) => IsNull(key) ? null : String(key);

    /// <summary>A Boolean field.</summary>
    internal bool Boolean(string key)
    {
        var node = Required(key);
        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw Wrong(Field(key), "true or false", node);
    }

    /// <summary>An array field of at most <paramref name="maxCount"/> items.</summary>
    internal JsonArray Array(string key, int maxCount)
    {
        var node = Required(key);
        var array = node as JsonArray ?? throw Wrong(Field(key), "an array", node);
        return array.Count <= maxCount
            ? array
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{Field(key)}' has {array.Count} items; at most {maxCount} are allowed."));
    }

    /// <summary>An array of integers, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal long[] Integers(string key, int maxCount, long min, long max)
    {
        var array = Array(key, maxCount);
        var values = new long[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string at = $"{Field(key)}[{i}]";
            if (array[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out long number))
            {
                throw Wrong(at, "an integer", array[i]);
            }

            values[i] = number >= min && number <= max
                ? number
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{at}' is {number}; it must be in [{min}, {max}]."));
        }

        return values;
    }

    /// <summary>An array of finite numbers in [<paramref name="min"/>, <paramref name="max"/>] that may be null.</summary>
    internal double[]? NullableNumbers(string key, int maxCount, double min, double max)
    {
        if (IsNull(key))
        {
            return null;
        }

        var array = Array(key, maxCount);
        return array.Select((n, i) => Number(n, $"{Field(key)}[{i}]", min, max)).ToArray();
    }

    /// <summary>A nested object field.</summary>
    internal StrictJson Object(string key) => Of(Required(key), Field(key));

    /// <summary>Whether an optional field is present and not null (it is then marked as known).</summary>
    internal bool Has(string key)
    {
        _seen.Add(key);
        return _json[key] is not null;
    }

    /// <summary>Marks a field as known without reading it here (another reader checks it); it must be present.</summary>
    internal JsonNode? Skip(string key)
    {
        _seen.Add(key);
        return _json.ContainsKey(key) ? _json[key] : throw Missing(key);
    }

    /// <summary>Rejects every field that no call above declared.</summary>
    internal void NoOthers()
    {
        foreach (var (key, _) in _json)
        {
            if (!_seen.Contains(key))
            {
                throw new FormatException($"'{Field(key)}' is not a field this library knows; the known fields of '{(_path.Length == 0 ? "the description" : _path)}' are {string.Join(", ", _seen.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}.");
            }
        }
    }

    internal string Field(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    private static double Number(JsonNode? node, string at, double min, double max)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out double number))
        {
            throw Wrong(at, "a number", node);
        }

        return double.IsFinite(number) && number >= min && number <= max
            ? number
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{at}' is {number}; it must be a finite number in [{min}, {max}]."));
    }

    private static FormatException Wrong(string at, string expected, JsonNode? node)
        => new($"'{at}' must be {expected}; it is {(node is null ? "null or missing" : node.GetValueKind().ToString().ToLowerInvariant())}.");

    private bool IsNull(string key)
    {
        _seen.Add(key);
        return _json[key] is null;
    }

    private JsonNode Required(string key)
    {
        _seen.Add(key);
        if (!_json.ContainsKey(key))
        {
            throw Missing(key);
        }

        return _json[key] ?? throw new FormatException($"'{Field(key)}' is null; it needs a value.");
    }

    private FormatException Missing(string key) => new($"'{Field(key)}' is missing.");
}

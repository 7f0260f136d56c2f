using System.Text.Json.Nodes;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>Writing and reading the fields of fitted steps' JSON. NaN and missing categories are written as null.</summary>
internal static class FittedJson
{
    public static JsonArray Numbers(IEnumerable<double> values)
        => new(values.Select(v => double.IsNaN(v) ? null : (JsonNode)v).ToArray());

    public static JsonArray Strings(IEnumerable<string?> values)
        => new(values.Select(v => v is null ? null : (JsonNode)v).ToArray());

    public static JsonArray? OptionalNumbers(IEnumerable<double>? values) => values is null ? null : Numbers(values);

    public static JsonArray StringLists(IEnumerable<IEnumerable<string?>> lists)
        => new(lists.Select(l => (JsonNode)Strings(l)).ToArray());

    public static double[] ReadNumbers(JsonObject json, string key, int? length = null)
        => Length(json, key, Array(json, key).Select(n => n is null ? double.NaN : n.GetValue<double>()).ToArray(), length);

    public static double[]? ReadOptionalNumbers(JsonObject json, string key, int? length = null)
        => json[key] is null ? null : ReadNumbers(json, key, length);

    public static int[] ReadIntegers(JsonObject json, string key, int? length = null)
        => Length(json, key, Array(json, key).Select(n => n?.GetValue<int>() ?? throw Error(json, $"'{key}' holds a null")).ToArray(), length);

    /// <summary>The array, after checking that it has the expected length (when given).</summary>
    public static T[] Length<T>(JsonObject json, string key, T[] values, int? length)
        => length is null || values.Length == length ? values : throw Error(json, $"'{key}' has {values.Length} entries; expected {length}");

    public static string?[] ReadStrings(JsonObject json, string key)
        => Array(json, key).Select(n => n?.GetValue<string>()).ToArray();

    public static string[] ReadNames(JsonObject json, string key)
        => Array(json, key).Select(n => n?.GetValue<string>() ?? throw Error(json, $"'{key}' has a null name")).ToArray();

    public static string?[][] ReadStringLists(JsonObject json, string key)
        => Array(json, key).Select(n => (n as JsonArray ?? throw Error(json, $"'{key}' holds a non-array"))
            .Select(v => v?.GetValue<string>()).ToArray()).ToArray();

    public static T Read<T>(JsonObject json, string key)
        => json[key] is { } node ? node.GetValue<T>() : throw Error(json, $"it lacks '{key}'");

    public static JsonObject Object(JsonObject json, string key)
        => json[key] as JsonObject ?? throw Error(json, $"'{key}' is not an object");

    public static JsonArray Array(JsonObject json, string key)
        => json[key] as JsonArray ?? throw Error(json, $"'{key}' is not an array");

    public static FormatException Error(JsonObject json, string problem)
        => new($"Invalid JSON for a '{json["kind"]}' step: {problem}.");
}

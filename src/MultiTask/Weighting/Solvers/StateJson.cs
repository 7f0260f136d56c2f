using System.Text.Json.Nodes;

namespace MultiTask.Weighting.Solvers;

/// <summary>Reading and writing the numbers of a method's saved state, with clear errors for malformed state.</summary>
internal static class StateJson
{
    /// <summary>A vector as a JSON array of numbers.</summary>
    public static JsonArray FromVector(IEnumerable<double> values) => new(values.Select(x => (JsonNode?)x).ToArray());

    /// <summary>A square matrix as a JSON array of rows.</summary>
    public static JsonArray FromMatrix(double[,] matrix) =>
        new(Enumerable.Range(0, matrix.GetLength(0))
            .Select(i => (JsonNode?)FromVector(Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j])))
            .ToArray());

    /// <summary>The integer stored under <paramref name="key"/>.</summary>
    public static long GetInt64(JsonObject state, string key) =>
        state[key] is JsonValue value && value.TryGetValue(out long result)
            ? result
            : throw Malformed(key, "an integer");

    /// <summary>The finite numbers stored as an array under <paramref name="key"/>.</summary>
    public static double[] GetVector(JsonObject state, string key) =>
        state[key] is JsonArray array ? ToVector(array, key) : throw Malformed(key, "an array of numbers");

    /// <summary>The square matrix stored as an array of rows under <paramref name="key"/>.</summary>
    public static double[,] GetSquareMatrix(JsonObject state, string key)
    {
        if (state[key] is not JsonArray rows)
        {
            throw Malformed(key, "an array of rows");
        }

        int n = rows.Count;
        var matrix = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i] is JsonArray array ? ToVector(array, key) : throw Malformed(key, "an array of rows");
            if (row.Length != n)
            {
                throw Malformed(key, "a square matrix");
            }

            for (int j = 0; j < n; j++)
            {
                matrix[i, j] = row[j];
            }
        }

        return matrix;
    }

    private static double[] ToVector(JsonArray array, string key) =>
        array.Select(node => node is JsonValue value && value.TryGetValue(out double x) && double.IsFinite(x)
            ? x
            : throw Malformed(key, "finite numbers")).ToArray();

    private static ArgumentException Malformed(string key, string expected) =>
        new($"The saved state's '{key}' must be {expected}.", "state");
}

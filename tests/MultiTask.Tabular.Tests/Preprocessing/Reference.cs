using MultiTask.Tabular;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>
/// Compares outputs with the scikit-learn 1.2.1 values pinned in <see cref="SklearnReference"/>: within 1e-6
/// relative (with an absolute floor of 1e-9 for values that are zero up to rounding); NaN must match NaN.
/// </summary>
internal static class Reference
{
    public const double Relative = 1e-6;
    public const double AbsoluteFloor = 1e-9;

    public static void Numbers(string key, IEnumerable<double> actual)
    {
        var expected = SklearnReference.Numbers.TryGetValue(key, out var e) ? e : throw new KeyNotFoundException($"No reference values '{key}'.");
        var values = actual.ToArray();
        values.Length.Should().Be(expected.Length, "'{0}' has {1} reference values", key, expected.Length);
        for (int i = 0; i < values.Length; i++)
        {
            Check(key, i, values[i], expected[i]);
        }
    }

    public static void Numbers(string key, IEnumerable<int> actual) => Numbers(key, actual.Select(v => (double)v));

    public static void Names(string key, IEnumerable<string?> actual)
    {
        var expected = SklearnReference.Names.TryGetValue(key, out var e) ? e : throw new KeyNotFoundException($"No reference names '{key}'.");
        actual.Should().Equal(expected, "'{0}' must match scikit-learn", key);
    }

    /// <summary>Checks a numeric table against its pinned column nansums, nansums of squares and rows 0, 1, n/2, n−1.</summary>
    public static void Summary(string key, TabularData output)
    {
        var columns = output.Columns.Select(c => ((NumericColumn)c).ToArray()).ToArray();
        int n = output.RowCount;
        Numbers(key + ".sum", columns.Select(c => c.Where(v => !double.IsNaN(v)).Sum()));
        Numbers(key + ".sumsq", columns.Select(c => c.Where(v => !double.IsNaN(v)).Sum(v => v * v)));
        Numbers(key + ".rows", new[] { 0, 1, n / 2, n - 1 }.SelectMany(i => columns.Select(c => c[i])));
    }

    private static void Check(string key, int index, double actual, double expected)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            double.IsNaN(actual).Should().Be(double.IsNaN(expected), "'{0}'[{1}] is {2} in scikit-learn", key, index, expected);
            return;
        }

        double error = Math.Abs(actual - expected);
        Errors.Record(key, error / Math.Max(Math.Abs(expected), double.Epsilon), expected);
        error.Should().BeLessThanOrEqualTo(Math.Max(Relative * Math.Abs(expected), AbsoluteFloor), "'{0}'[{1}] is {2} in scikit-learn", key, index, expected);
    }

    /// <summary>Largest relative error per key, written to $PREPROCESSING_ERRORS (if set) for the report.</summary>
    private static class Errors
    {
        private static readonly object Gate = new();

        public static void Record(string key, double relative, double expected)
        {
            string? path = Environment.GetEnvironmentVariable("PREPROCESSING_ERRORS");
            if (path is null || expected == 0)
            {
                return;
            }

            lock (Gate)
            {
                File.AppendAllText(path, $"{key}\t{relative:R}\n");
            }
        }
    }
}

using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>The real datasets as the reference script prepares them, and comparisons against pinned scikit-learn values.</summary>
internal static class ModelSelectionData
{
    public static (double[,] X, double[] Y) Diabetes()
    {
        var d = ToyDatasets.Diabetes();
        return (d.X, d.Targets[0]);
    }

    /// <summary>Breast cancer with every feature standardised (population standard deviation, as StandardScaler).</summary>
    public static (double[,] X, int[] Y) CancerStandardised()
    {
        var d = ToyDatasets.BreastCancer();
        return (Standardise(d.X), d.Targets[0].Select(v => (int)v).ToArray());
    }

    /// <summary>Wine with every feature standardised.</summary>
    public static (double[,] X, int[] Y) WineStandardised()
    {
        var d = ToyDatasets.Wine();
        return (Standardise(d.X), d.Targets[0].Select(v => (int)v).ToArray());
    }

    public static TabularData Table(double[,] x) => TabularData.FromMatrix(x, Enumerable.Range(0, x.GetLength(1)).Select(j => $"x{j}").ToArray());

    public static SelectionTarget[] Regression(double[] y, string name = "y") => [SelectionTarget.Regression(name, y)];

    public static SelectionTarget[] Classification(int[] y, string name = "y") => [SelectionTarget.Classification(name, y)];

    public static double[,] Standardise(double[,] x)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var z = new double[n, p];
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x[i, j];
            }

            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++)
            {
                variance += (x[i, j] - mean) * (x[i, j] - mean);
            }

            double std = Math.Sqrt(variance / n);
            for (int i = 0; i < n; i++)
            {
                z[i, j] = (x[i, j] - mean) / std;
            }
        }

        return z;
    }

    /// <summary>
    /// The largest relative error |a − e| / |e| over the entries; entries whose expected magnitude is below
    /// <paramref name="floor"/> are compared absolutely (their error counts as |a − e| / floor).
    /// </summary>
    public static double MaxRelativeError(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double floor = 1e-6)
    {
        actual.Should().HaveSameCount(expected);
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor);
            worst = Math.Max(worst, error);
        }

        return worst;
    }

    /// <summary>
    /// Asserts every entry within <paramref name="relative"/> of the expected value; an expected value below 1e-6 in
    /// magnitude (a coefficient at or near zero) is compared with the absolute tolerance 1e-8 instead.
    /// </summary>
    public static void ShouldMatch(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double relative = 1e-6)
    {
        actual.Should().HaveSameCount(expected);
        for (int i = 0; i < expected.Count; i++)
        {
            double tolerance = Math.Abs(expected[i]) < 1e-6 ? 1e-8 : relative * Math.Abs(expected[i]);
            actual[i].Should().BeApproximately(expected[i], tolerance, $"entry {i} should match scikit-learn");
        }
    }

    public static double[] Flatten(IReadOnlyList<IReadOnlyList<double>> rows) => rows.SelectMany(r => r).ToArray();
}

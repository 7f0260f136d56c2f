using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>Comparison helpers for the scikit-learn reference values.</summary>
internal static class Reference
{
    /// <summary>
    /// Asserts |a − e| ≤ rel·|e| or |a − e| ≤ abs for every element (NaN matches NaN, infinities match exactly) and
    /// returns the largest relative error seen among finite non-zero expected values.
    /// </summary>
    public static double ShouldMatch(this IReadOnlyList<double> actual, IReadOnlyList<double> expected, string what, double relative = 1e-6, double absolute = 0)
    {
        actual.Should().HaveCount(expected.Count, what);
        double worst = 0;
        for (int j = 0; j < expected.Count; j++)
        {
            double a = actual[j];
            double e = expected[j];
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                a.Should().Be(e, $"{what}[{j}]");
                continue;
            }

            double error = Math.Abs(a - e);
            if (e != 0)
            {
                worst = Math.Max(worst, error / Math.Abs(e));
            }

            error.Should().BeLessThanOrEqualTo(Math.Max(relative * Math.Abs(e), absolute), $"{what}[{j}]: got {a:R}, scikit-learn {e:R}");
        }

        return worst;
    }

    /// <summary>The indices of the selected columns of a selection fitted on a table with the dataset's column names.</summary>
    public static int[] SelectedIndices(this FittedColumnSelection selection)
        => selection.SelectedColumns.Select(name => selection.InputColumns.ToList().IndexOf(name)).ToArray();

    public static TabularData Table(this ToyDatasets.Dataset data) => TabularData.FromMatrix(data.X, data.FeatureNames);

    public static SelectionTarget ClassTarget(this ToyDatasets.Dataset data, int task = 0)
        => SelectionTarget.Classification(data.TargetNames[task], data.Targets[task].Select(v => (int)v).ToArray());

    public static SelectionTarget RegressionTarget(this ToyDatasets.Dataset data, int task = 0)
        => SelectionTarget.Regression(data.TargetNames[task], data.Targets[task]);

    public static int[] Labels(this ToyDatasets.Dataset data) => data.Targets[0].Select(v => (int)v).ToArray();

    /// <summary>Columns subset of a matrix.</summary>
    public static double[,] Columns(this double[,] x, IReadOnlyList<int> columns)
    {
        var result = new double[x.GetLength(0), columns.Count];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < columns.Count; j++)
            {
                result[i, j] = x[i, columns[j]];
            }
        }

        return result;
    }
}

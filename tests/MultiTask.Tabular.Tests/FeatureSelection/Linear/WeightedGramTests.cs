using MultiTask.Tabular.FeatureSelection.Linear;

namespace MultiTask.Tabular.Tests.FeatureSelection.Linear;

/// <summary>The blocked (and, for large inputs, chunked-parallel) Xᵀ·diag(d)·X against a plain triple loop.</summary>
public sealed class WeightedGramTests
{
    [Theory]
    [InlineData(300, 5, false)]
    [InlineData(20_000, 60, true)]
    public void Accumulate_EqualsThePlainSum(int rows, int columns, bool intercept)
    {
        // 20 000 × 60 is large enough for the row-chunk parallel path (n·p² > 5e7).
        var random = new Random(rows);
        var x = new ColumnMatrix(rows, columns);
        for (int k = 0; k < x.Data.Length; k++)
        {
            x.Data[k] = random.NextDouble() - 0.5;
        }

        var d = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        int size = columns + (intercept ? 1 : 0);
        var gram = new double[size, size];

        WeightedGram.Accumulate(x, d, intercept, gram);

        double A(int i, int j) => j == columns ? 1.0 : x[i, j];
        for (int j = 0; j < size; j += 7)
        {
            for (int k = 0; k < size; k += 5)
            {
                double expected = 0;
                for (int i = 0; i < rows; i++)
                {
                    expected += d[i] * A(i, j) * A(i, k);
                }

                gram[j, k].Should().BeApproximately(expected, 1e-10 * Math.Max(1, Math.Abs(expected)));
                gram[k, j].Should().Be(gram[j, k]);
            }
        }
    }

    [Fact]
    public void LinearRegression_OnALargeExactProblem_RecoversTheCoefficients()
    {
        var random = new Random(2);
        int n = 20_000, p = 60;
        var x = new double[n, p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 4;
            for (int j = 0; j < p; j++)
            {
                x[i, j] = random.NextDouble();
                y[i] += (j - 30) * x[i, j];
            }
        }

        var model = new LinearRegression().Fit(x, y);

        for (int j = 0; j < p; j++)
        {
            model.Coefficients[j].Should().BeApproximately(j - 30, 1e-9);
        }

        model.Intercept.Should().BeApproximately(4, 1e-9);
    }
}

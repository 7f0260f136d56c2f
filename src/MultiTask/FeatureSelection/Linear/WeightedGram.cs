namespace MultiTask.FeatureSelection.Linear;

/// <summary>Xᵀ·diag(d)·X with an optional column of ones appended (for an intercept), computed in row blocks so each block of columns stays in cache.</summary>
internal static class WeightedGram
{
    private const int BlockRows = 512;

    /// <summary>Adds Σᵢ d[i]·a[i, j]·a[i, k] to <paramref name="gram"/>[j, k] (both triangles), where a is X with a column of ones appended when <paramref name="intercept"/>.</summary>
    internal static void Accumulate(ColumnMatrix x, ReadOnlySpan<double> d, bool intercept, double[,] gram)
    {
        int n = x.Rows, p = x.Columns;
        int size = p + (intercept ? 1 : 0);
        var upper = new double[size, size];
        var weighted = new double[Math.Min(BlockRows, Math.Max(n, 1))];
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            var dBlock = d.Slice(start, count);
            var tmp = weighted.AsSpan(0, count);
            for (int j = 0; j < p; j++)
            {
                var xj = x.Column(j).Slice(start, count);
                for (int i = 0; i < count; i++)
                {
                    tmp[i] = dBlock[i] * xj[i];
                }

                for (int k = j; k < p; k++)
                {
                    upper[j, k] += DenseMath.Dot(tmp, x.Column(k).Slice(start, count));
                }

                if (intercept)
                {
                    upper[j, p] += DenseMath.Sum(tmp);
                }
            }

            if (intercept)
            {
                upper[p, p] += DenseMath.Sum(dBlock);
            }
        }

        for (int j = 0; j < size; j++)
        {
            for (int k = j; k < size; k++)
            {
                gram[j, k] += upper[j, k];
                if (k != j)
                {
                    gram[k, j] += upper[j, k];
                }
            }
        }
    }
}

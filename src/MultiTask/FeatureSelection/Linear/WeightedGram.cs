namespace MultiTask.FeatureSelection.Linear;

/// <summary>Xᵀ·diag(d)·X (or XᵀX for empty d) with an optional column of ones appended (for an intercept), computed in row blocks so each block of columns stays in cache.</summary>
internal static class WeightedGram
{
    private const int BlockRows = 512;

    /// <summary>
    /// Adds Σᵢ d[i]·a[i, j]·a[i, k] to <paramref name="gram"/>[j, k] (both triangles), where a is X with a column of
    /// ones appended when <paramref name="intercept"/>; an empty <paramref name="d"/> means unit weights.
    /// </summary>
    internal static void Accumulate(ColumnMatrix x, ReadOnlySpan<double> d, bool intercept, double[,] gram)
    {
        int n = x.Rows, p = x.Columns;
        int size = p + (intercept ? 1 : 0);
        var upper = new double[size, size];
        var weighted = new double[Math.Min(BlockRows, Math.Max(n, 1))];
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            bool unit = d.IsEmpty;
            var dBlock = unit ? default : d.Slice(start, count);
            for (int j = 0; j < p; j++)
            {
                ReadOnlySpan<double> tmp = x.Column(j).Slice(start, count);
                if (!unit)
                {
                    var scaled = weighted.AsSpan(0, count);
                    for (int i = 0; i < count; i++)
                    {
                        scaled[i] = dBlock[i] * tmp[i];
                    }

                    tmp = scaled;
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
                upper[p, p] += unit ? count : DenseMath.Sum(dBlock);
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

namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>Xᵀ·diag(d)·X (or XᵀX for empty d) with an optional column of ones appended (for an intercept), computed in row blocks so each block of columns stays in cache.</summary>
internal static class WeightedGram
{
    private const int BlockRows = 512;
    private const int ChunkRows = 8192;
    private const long MaxPartialValues = 20_000_000;
    private const long ParallelWork = 50_000_000;

    /// <summary>
    /// Adds Σᵢ d[i]·a[i, j]·a[i, k] to <paramref name="gram"/>[j, k] (both triangles), where a is X with a column of
    /// ones appended when <paramref name="intercept"/>; an empty <paramref name="d"/> means unit weights.
    /// </summary>
    internal static void Accumulate(ColumnMatrix x, ReadOnlySpan<double> d, bool intercept, double[,] gram)
    {
        int n = x.Rows, p = x.Columns;
        int size = p + (intercept ? 1 : 0);
        double[,] upper;

        // Large problems are split into a fixed number of row chunks (it depends on n and p only, not on the machine),
        // summed in chunk order, so results are the same on any core count.
        int chunks = (int)Math.Min((n + ChunkRows - 1) / ChunkRows, Math.Max(1, MaxPartialValues / ((long)size * size)));
        if (chunks <= 1 || (long)n * p * p < ParallelWork)
        {
            upper = new double[size, size];
            Block(x, d, intercept, 0, n, upper);
        }
        else
        {
            var partials = new double[chunks][,];
            int per = (n + chunks - 1) / chunks;
            var weights = d.IsEmpty ? null : d.ToArray();
            Parallel.For(0, chunks, c =>
            {
                int from = c * per, to = Math.Min(n, from + per);
                partials[c] = new double[size, size];
                Block(x, weights, intercept, from, to, partials[c]);
            });
            upper = partials[0];
            for (int c = 1; c < chunks; c++)
            {
                for (int j = 0; j < size; j++)
                {
                    for (int k = j; k < size; k++)
                    {
                        upper[j, k] += partials[c][j, k];
                    }
                }
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

    /// <summary>Accumulates rows [from, to) into the upper triangle, BlockRows rows at a time.</summary>
    private static void Block(ColumnMatrix x, ReadOnlySpan<double> d, bool intercept, int from, int to, double[,] upper)
    {
        int p = x.Columns;
        var weighted = new double[BlockRows];
        bool unit = d.IsEmpty;
        for (int start = from; start < to; start += BlockRows)
        {
            int count = Math.Min(BlockRows, to - start);
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
    }
}

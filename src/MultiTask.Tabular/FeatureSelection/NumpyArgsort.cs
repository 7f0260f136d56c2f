namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// numpy 1.24's default <c>np.argsort</c> (kind="quicksort": an introsort, not stable) for float64, ported so that
/// tied importances are eliminated in the same order as scikit-learn's RFE (<c>np.argsort(importances)</c>):
/// median-of-three quicksort on partitions longer than 16, insertion sort below, heapsort past 2·log₂(n) levels;
/// NaN sorts last.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    /// <summary>The permutation that sorts <paramref name="v"/> ascending, tie order as numpy's.</summary>
    internal static int[] ArgSort(IReadOnlyList<double> v)
    {
        int num = v.Count;
        var order = new int[num];
        for (int i = 0; i < num; i++)
        {
            order[i] = i;
        }

        if (num < 2)
        {
            return order;
        }

        var stack = new int[128];
        var depthStack = new int[64];
        int sp = 0, dp = 0;
        int pl = 0, pr = num - 1;
        int cdepth = MostSignificantBit(num) * 2;
        while (true)
        {
            if (cdepth < 0)
            {
                HeapSort(v, order, pl, pr - pl + 1);
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    int pm = pl + ((pr - pl) >> 1);
                    if (Less(v[order[pm]], v[order[pl]]))
                    {
                        Swap(order, pm, pl);
                    }

                    if (Less(v[order[pr]], v[order[pm]]))
                    {
                        Swap(order, pr, pm);
                    }

                    if (Less(v[order[pm]], v[order[pl]]))
                    {
                        Swap(order, pm, pl);
                    }

                    double vp = v[order[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    Swap(order, pm, pj);
                    while (true)
                    {
                        do
                        {
                            ++pi;
                        }
                        while (Less(v[order[pi]], vp));

                        do
                        {
                            --pj;
                        }
                        while (Less(vp, v[order[pj]]));

                        if (pi >= pj)
                        {
                            break;
                        }

                        Swap(order, pi, pj);
                    }

                    Swap(order, pi, pr - 1);

                    // Push the larger partition, continue with the smaller.
                    if (pi - pl < pr - pi)
                    {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    }
                    else
                    {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }

                    depthStack[dp++] = --cdepth;
                }

                for (int pi = pl + 1; pi <= pr; ++pi)
                {
                    int vi = order[pi];
                    double vv = v[vi];
                    int pj = pi;
                    int pk = pi - 1;
                    while (pj > pl && Less(vv, v[order[pk]]))
                    {
                        order[pj--] = order[pk--];
                    }

                    order[pj] = vi;
                }
            }

            if (sp == 0)
            {
                break;
            }

            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depthStack[--dp];
        }

        return order;
    }

    /// <summary>numpy's float ordering: a &lt; b, with NaN after every number.</summary>
    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);

    private static int MostSignificantBit(int n)
    {
        int depth = 0;
        while ((n >>= 1) != 0)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>numpy's aheapsort on order[start .. start + n).</summary>
    private static void HeapSort(IReadOnlyList<double> v, int[] order, int start, int n)
    {
        // a[k] for k in 1..n is order[start + k - 1].
        int A(int k) => order[start + k - 1];
        void Set(int k, int value) => order[start + k - 1] = value;

        int i, j, l, tmp;
        for (l = n >> 1; l > 0; --l)
        {
            tmp = A(l);
            for (i = l, j = l << 1; j <= n;)
            {
                if (j < n && Less(v[A(j)], v[A(j + 1)]))
                {
                    j += 1;
                }

                if (Less(v[tmp], v[A(j)]))
                {
                    Set(i, A(j));
                    i = j;
                    j += j;
                }
                else
                {
                    break;
                }
            }

            Set(i, tmp);
        }

        for (; n > 1;)
        {
            tmp = A(n);
            Set(n, A(1));
            n -= 1;
            for (i = 1, j = 2; j <= n;)
            {
                if (j < n && Less(v[A(j)], v[A(j + 1)]))
                {
                    j++;
                }

                if (Less(v[tmp], v[A(j)]))
                {
                    Set(i, A(j));
                    i = j;
                    j += j;
                }
                else
                {
                    break;
                }
            }

            Set(i, tmp);
        }
    }
}

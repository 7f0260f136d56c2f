using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>Vectorised level-1 BLAS kernels (dot, axpy, sum of squares) on spans of float64, allocation-free.</summary>
internal static class DenseMath
{
    /// <summary>Σ a[i]·b[i], with four SIMD accumulators.</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 4 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
            int v = 0;
            for (; v + 4 <= va.Length; v += 4)
            {
                s0 += va[v] * vb[v];
                s1 += va[v + 1] * vb[v + 1];
                s2 += va[v + 2] * vb[v + 2];
                s3 += va[v + 3] * vb[v + 3];
            }

            for (; v < va.Length; v++)
            {
                s0 += va[v] * vb[v];
            }

            sum = Vector.Sum((s0 + s1) + (s2 + s3));
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Σ a[i]².</summary>
    internal static double SumOfSquares(ReadOnlySpan<double> a) => Dot(a, a);

    /// <summary>y += alpha · x.</summary>
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vx.Length; v++)
            {
                vy[v] += va * vx[v];
            }

            i = vx.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>Σ a[i].</summary>
    internal static double Sum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var s = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++)
            {
                s += va[v];
            }

            sum = Vector.Sum(s);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i];
        }

        return sum;
    }

    /// <summary>Σ |a[i]|.</summary>
    internal static double SumOfAbs(ReadOnlySpan<double> a)
    {
        double sum = 0;
        foreach (double v in a)
        {
            sum += Math.Abs(v);
        }

        return sum;
    }
}

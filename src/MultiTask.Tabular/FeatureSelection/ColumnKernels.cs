using System.Numerics;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>Vectorised single passes over one contiguous column (SIMD lanes of <see cref="Vector{T}"/>).</summary>
internal static class ColumnKernels
{
    /// <summary>The index of the first value that is NaN or infinite, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // x − x is 0 for finite x and NaN otherwise; NaN propagates through the sum.
            int width = Vector<double>.Count;
            var acc = Vector<double>.Zero;
            for (; i <= values.Length - width; i += width)
            {
                var v = new Vector<double>(values.Slice(i, width));
                acc += v - v;
            }

            if (double.IsFinite(Vector.Sum(acc)))
            {
                // Only the tail remains to check.
                for (; i < values.Length; i++)
                {
                    if (!double.IsFinite(values[i]))
                    {
                        return i;
                    }
                }

                return -1;
            }

            i = 0;
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first negative value, or −1.</summary>
    public static int FirstNegative(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var min = new Vector<double>(double.PositiveInfinity);
            for (; i <= values.Length - width; i += width)
            {
                min = Vector.Min(min, new Vector<double>(values.Slice(i, width)));
            }

            bool negative = false;
            for (int lane = 0; lane < width; lane++)
            {
                negative |= min[lane] < 0;
            }

            if (negative)
            {
                i = 0;
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] < 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Sum, minimum and maximum of finite values.</summary>
    public static (double Sum, double Min, double Max) SumMinMax(ReadOnlySpan<double> values)
    {
        int i = 0;
        double sum = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var vsum = Vector<double>.Zero;
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; i <= values.Length - width; i += width)
            {
                var v = new Vector<double>(values.Slice(i, width));
                vsum += v;
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            sum = Vector.Sum(vsum);
            for (int lane = 0; lane < width; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            double v = values[i];
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (sum, min, max);
    }

    /// <summary>Σ (x − m)·y and Σ (x − m)² in one pass.</summary>
    public static (double Sxy, double Sxx) CenteredCross(ReadOnlySpan<double> x, double m, ReadOnlySpan<double> y)
    {
        int i = 0;
        double sxy = 0;
        double sxx = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var vm = new Vector<double>(m);
            var axy = Vector<double>.Zero;
            var axx = Vector<double>.Zero;
            for (; i <= x.Length - width; i += width)
            {
                var d = new Vector<double>(x.Slice(i, width)) - vm;
                axy += d * new Vector<double>(y.Slice(i, width));
                axx += d * d;
            }

            sxy = Vector.Sum(axy);
            sxx = Vector.Sum(axx);
        }

        for (; i < x.Length; i++)
        {
            double d = x[i] - m;
            sxy += d * y[i];
            sxx += d * d;
        }

        return (sxy, sxx);
    }

    /// <summary>Σ a·b.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - width; i += width)
            {
                acc += new Vector<double>(a.Slice(i, width)) * new Vector<double>(b.Slice(i, width));
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>For d = x − shift: Σd, Σd², Σd·y, min x and max x, in one pass.</summary>
    public static (double Sum, double SumSquares, double Cross, double Min, double Max) ShiftedMoments(ReadOnlySpan<double> x, double shift, ReadOnlySpan<double> y)
    {
        int i = 0;
        double sum = 0;
        double squares = 0;
        double cross = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var vs = new Vector<double>(shift);
            var asum = Vector<double>.Zero;
            var asq = Vector<double>.Zero;
            var axy = Vector<double>.Zero;
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; i <= x.Length - width; i += width)
            {
                var v = new Vector<double>(x.Slice(i, width));
                var d = v - vs;
                asum += d;
                asq += d * d;
                axy += d * new Vector<double>(y.Slice(i, width));
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            sum = Vector.Sum(asum);
            squares = Vector.Sum(asq);
            cross = Vector.Sum(axy);
            for (int lane = 0; lane < width; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < x.Length; i++)
        {
            double v = x[i];
            double d = v - shift;
            sum += d;
            squares += d * d;
            cross += d * y[i];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (sum, squares, cross, min, max);
    }
}

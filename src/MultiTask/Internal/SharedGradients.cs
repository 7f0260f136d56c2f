using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>Reads the gradients of a parameter list as one flat vector, and writes a flat vector back into them.</summary>
internal static class SharedGradients
{
    /// <summary>The concatenated, flattened gradients (zeros where a parameter has none), [P], in the caller's scope.</summary>
    internal static Tensor Read(IReadOnlyList<Parameter> parameters)
    {
        var parts = new Tensor[parameters.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            var p = parameters[i];
            parts[i] = p.grad is { } g ? g.flatten() : torch.zeros(p.numel(), dtype: p.dtype, device: p.device);
        }

        return torch.cat(parts);
    }

    /// <summary>Clears the gradients (sets them to null, as zero_grad does).</summary>
    internal static void Clear(IReadOnlyList<Parameter> parameters)
    {
        foreach (var p in parameters)
        {
            if (p.grad is { } g)
            {
                g.Dispose();
                p.grad = null;
            }
        }
    }

    /// <summary>Sets each parameter's gradient to its slice of a flat vector.</summary>
    internal static void Write(IReadOnlyList<Parameter> parameters, Tensor flat)
    {
        using var noGrad = torch.no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            long n = p.numel();
            var slice = flat.narrow(0, offset, n).view_as(p);
            if (p.grad is { } g)
            {
                g.copy_(slice);
            }
            else
            {
                // The parameter keeps its own reference to the gradient; the managed handle belongs to the caller's scope.
                p.grad = slice.clone();
            }

            offset += n;
        }
    }

    /// <summary>
    /// Sets each parameter's gradient to its slice of wᵀJ, computed by one matrix product per parameter written straight
    /// into the gradient, so that no direction is allocated (a parameter without a gradient gets a new one).
    /// </summary>
    internal static void WriteCombination(IReadOnlyList<Parameter> parameters, Tensor jacobian, IReadOnlyList<double> weights)
    {
        using var noGrad = torch.no_grad();
        var w = torch.tensor(weights.Select(v => (float)v).ToArray(), [1, weights.Count], device: jacobian.device);
        long offset = 0;
        foreach (var p in parameters)
        {
            long n = p.numel();
            var grad = p.grad;
            if (grad is null)
            {
                grad = torch.zeros_like(p);
                p.grad = grad;
            }

            if (grad.is_contiguous())
            {
                // wᵀJ written in place: [1, T] × [T, n] into the [1, n] view of the gradient (β = 0 ignores its old values).
                grad.view(1, n).addmm_(w, jacobian.narrow(1, offset, n), beta: 0);
            }
            else
            {
                grad.copy_(w.matmul(jacobian.narrow(1, offset, n)).view_as(grad));
            }

            offset += n;
        }
    }

    /// <summary>Scales each parameter's gradient in place.</summary>
    internal static void Scale(IEnumerable<Parameter> parameters, double factor)
    {
        using var noGrad = torch.no_grad();
        foreach (var p in parameters)
        {
            p.grad?.TimesScalarInPlace(factor);
        }
    }

    /// <summary>Columns of J converted to float64 at a time when computing the Gramian (bounds the temporary copy).</summary>
    internal const long GramianChunk = 1 << 14;

    /// <summary>
    /// The Gramian J Jᵀ of a [T, P] matrix, computed in float64: products of float32 gradients are exact in float64 and
    /// their sums lose almost nothing, whereas a float32 Gramian of nearly opposite gradients (cosine −0.9998) moves the
    /// solvers' weights by ~1e-4. J is converted in chunks of <see cref="GramianChunk"/> columns, so the temporary float64
    /// copy is at most T × 128 KiB.
    /// </summary>
    internal static double[,] Gramian(Tensor jacobian)
    {
        int taskCount = (int)jacobian.shape[0];
        var values = GramianTensor(jacobian).cpu().data<double>().ToArray();
        var g = new double[taskCount, taskCount];
        Buffer.BlockCopy(values, 0, g, 0, values.Length * sizeof(double));
        return g;
    }

    /// <summary>
    /// J Jᵀ as a [T, T] float64 tensor in the caller's scope (see <see cref="Gramian"/>). A <paramref name="scratch"/> of
    /// [T, <see cref="GramianChunk"/>] float64 (owned by the caller, reused across steps) replaces the per-chunk copies.
    /// </summary>
    internal static Tensor GramianTensor(Tensor jacobian, Tensor? scratch = null)
    {
        long tasks = jacobian.shape[0], width = jacobian.shape[1];
        var sum = torch.zeros(tasks, tasks, dtype: ScalarType.Float64, device: jacobian.device);
        for (long offset = 0; offset < width; offset += GramianChunk)
        {
            long length = Math.Min(GramianChunk, width - offset);
            var part = jacobian.narrow(1, offset, length);
            var block = scratch is null ? part.to(ScalarType.Float64) : scratch.narrow(1, 0, length).copy_(part);
            sum.addmm_(block, block.t());
        }

        return sum;
    }

    /// <summary>
    /// J Jᵀ in float64 computed on the host straight from the memory of a contiguous float32 CPU matrix, in one pass over
    /// its columns (no float64 copy of J, no native calls); null when J is not such a matrix (use <see cref="GramianTensor"/>).
    /// Each product of two float32 values is exact in float64, so only the order of the float64 sums differs from
    /// <see cref="GramianTensor"/>.
    /// </summary>
    internal static double[,]? HostGramian(Tensor jacobian)
    {
        if (jacobian.device_type != DeviceType.CPU || jacobian.dtype != ScalarType.Float32 || jacobian.dim() != 2 || !jacobian.is_contiguous())
        {
            return null;
        }

        int tasks = (int)jacobian.shape[0];
        int width = checked((int)jacobian.shape[1]);
        return RowGramian(MemoryMarshal.Cast<byte, float>(jacobian.bytes), tasks, width);
    }

    /// <summary>
    /// wᵀJ written into <paramref name="output"/> on the host, straight from the memory of a contiguous float32 CPU matrix J
    /// [T, N] (no native calls): each entry Σₜ wₜJₜₖ is accumulated in float64 and rounded to float32 once. False (nothing
    /// written) when J or the output is not such a tensor, or the output does not hold N values.
    /// </summary>
    internal static bool HostCombination(Tensor jacobian, IReadOnlyList<double> weights, Tensor output)
    {
        if (jacobian.device_type != DeviceType.CPU || jacobian.dtype != ScalarType.Float32 || jacobian.dim() != 2 || !jacobian.is_contiguous()
            || output.device_type != DeviceType.CPU || output.dtype != ScalarType.Float32 || !output.is_contiguous()
            || output.numel() != jacobian.shape[1] || weights.Count != jacobian.shape[0])
        {
            return false;
        }

        int width = checked((int)jacobian.shape[1]);
        CombineRows(MemoryMarshal.Cast<byte, float>(jacobian.bytes), weights, width, MemoryMarshal.Cast<byte, float>(output.bytes));
        return true;
    }

    /// <summary>
    /// result[k] = Σₜ weights[t]·rows[t·width + k], accumulated in float64 (each product of a float32 value and a weight
    /// is rounded once, the sum in task order) and rounded to float32 once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CombineRows(ReadOnlySpan<float> rows, IReadOnlyList<double> weights, int width, Span<float> result)
    {
        int tasks = weights.Count;
        if ((long)tasks * width > rows.Length || result.Length < width)
        {
            throw new ArgumentException($"{tasks} rows of {width} values need {(long)tasks * width} values and a result of {width}; {rows.Length} and {result.Length} were given.", nameof(rows));
        }

        // The broadcast weights live on the stack for the usual handful of tasks (no allocation per step).
        Span<Vector<double>> scales = tasks <= 16 ? stackalloc Vector<double>[tasks] : new Vector<double>[tasks];
        for (int t = 0; t < tasks; t++)
        {
            scales[t] = new Vector<double>(weights[t]);
        }

        ref float source = ref MemoryMarshal.GetReference(rows);
        ref float target = ref MemoryMarshal.GetReference(result);
        int floats = Vector<float>.Count;
        int k = 0;
        for (; k + floats <= width; k += floats)
        {
            Vector<double> lower = Vector<double>.Zero, upper = Vector<double>.Zero;
            for (int t = 0; t < tasks; t++)
            {
                var v = Vector.LoadUnsafe(ref source, (nuint)(((long)t * width) + k));
                lower += Vector.WidenLower(v) * scales[t];
                upper += Vector.WidenUpper(v) * scales[t];
            }

            Vector.Narrow(lower, upper).StoreUnsafe(ref target, (nuint)k);
        }

        for (; k < width; k++)
        {
            double sum = 0;
            for (int t = 0; t < tasks; t++)
            {
                sum += weights[t] * Unsafe.Add(ref source, (nint)(((long)t * width) + k));
            }

            Unsafe.Add(ref target, k) = (float)sum;
        }
    }

    /// <summary>Columns converted to float64 at a time by <see cref="RowGramian"/> (the tile of every row stays in the L1 cache).</summary>
    private const int HostTile = 512;

    /// <summary>
    /// The float64 Gramian of <paramref name="tasks"/> float32 rows of length <paramref name="width"/>, stored row after
    /// row: a tile of columns of every row is converted to float64 once, then every pair of rows adds the dot product of
    /// its tiles (vectorised; the products are exact, so only the order of the sums depends on the vector width).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[,] RowGramian(ReadOnlySpan<float> rows, int tasks, int width)
    {
        if ((long)tasks * width > rows.Length)
        {
            throw new ArgumentException($"{tasks} rows of {width} values need {(long)tasks * width} values; {rows.Length} were given.", nameof(rows));
        }

        var g = new double[tasks, tasks];
        var tile = new double[tasks * HostTile];
        ref float source = ref MemoryMarshal.GetReference(rows);
        ref double wide = ref MemoryMarshal.GetArrayDataReference(tile);
        int floats = Vector<float>.Count, doubles = Vector<double>.Count;
        for (int start = 0; start < width; start += HostTile)
        {
            int length = Math.Min(HostTile, width - start);
            for (int t = 0; t < tasks; t++)
            {
                ref float from = ref Unsafe.Add(ref source, (nint)(((long)t * width) + start));
                ref double to = ref Unsafe.Add(ref wide, t * HostTile);
                int k = 0;
                for (; k + floats <= length; k += floats)
                {
                    var v = Vector.LoadUnsafe(ref from, (nuint)k);
                    Vector.WidenLower(v).StoreUnsafe(ref to, (nuint)k);
                    Vector.WidenUpper(v).StoreUnsafe(ref to, (nuint)(k + doubles));
                }

                for (; k < length; k++)
                {
                    Unsafe.Add(ref to, k) = Unsafe.Add(ref from, k);
                }
            }

            for (int i = 0; i < tasks; i++)
            {
                ref double a = ref Unsafe.Add(ref wide, i * HostTile);
                for (int j = i; j < tasks; j++)
                {
                    ref double b = ref Unsafe.Add(ref wide, j * HostTile);
                    Vector<double> first = Vector<double>.Zero, second = Vector<double>.Zero;
                    int k = 0;
                    for (; k + (2 * doubles) <= length; k += 2 * doubles)
                    {
                        first += Vector.LoadUnsafe(ref a, (nuint)k) * Vector.LoadUnsafe(ref b, (nuint)k);
                        second += Vector.LoadUnsafe(ref a, (nuint)(k + doubles)) * Vector.LoadUnsafe(ref b, (nuint)(k + doubles));
                    }

                    double sum = Vector.Sum(first + second);
                    for (; k < length; k++)
                    {
                        sum += Unsafe.Add(ref a, k) * Unsafe.Add(ref b, k);
                    }

                    g[i, j] += sum;
                }
            }
        }

        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j < i; j++)
            {
                g[i, j] = g[j, i];
            }
        }

        return g;
    }

    /// <summary>A reusable scratch for <see cref="GramianTensor"/>: [T, <see cref="GramianChunk"/>] float64, not in any dispose scope.</summary>
    internal static Tensor GramianScratch(long tasks, Device device)
    {
        using var scope = torch.NewDisposeScope();
        return torch.empty(tasks, GramianChunk, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
    }

    /// <summary>Cosine similarity of every pair of gradients from their Gramian (0 where a gradient is zero).</summary>
    internal static double[][] Cosines(double[,] gramian)
    {
        int n = gramian.GetLength(0);
        var result = new double[n][];
        for (int i = 0; i < n; i++)
        {
            result[i] = new double[n];
            for (int j = 0; j < n; j++)
            {
                double denominator = Math.Sqrt(gramian[i, i] * gramian[j, j]);
                result[i][j] = denominator > 0 ? gramian[i, j] / denominator : 0;
            }
        }

        return result;
    }
}

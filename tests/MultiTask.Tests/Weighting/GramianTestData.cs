using MultiTask.Weighting;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// Jacobians, Gramians and contexts for the gradient-weighting tests. The reference Jacobian is torchjd's
/// <c>J_base</c> (tests/unit/aggregation/test_values.py); mtl-methods.md §1.5 lists the expected values on it.
/// </summary>
public static class GramianTestData
{
    /// <summary>J = [[−4, 1, 1], [6, 1, 1]]; its Gramian is [[18, −22], [−22, 38]].</summary>
    public static double[,] ReferenceJacobian => new double[,] { { -4, 1, 1 }, { 6, 1, 1 } };

    /// <summary>G = J Jᵀ of the reference Jacobian.</summary>
    public static double[,] ReferenceGramian => Gramian(ReferenceJacobian);

    /// <summary>G = J Jᵀ.</summary>
    public static double[,] Gramian(double[,] j)
    {
        int t = j.GetLength(0);
        int p = j.GetLength(1);
        var g = new double[t, t];
        for (int a = 0; a < t; a++)
        {
            for (int b = 0; b < t; b++)
            {
                for (int k = 0; k < p; k++)
                {
                    g[a, b] += j[a, k] * j[b, k];
                }
            }
        }

        return g;
    }

    /// <summary>The update direction d = Jᵀw = Σₜ wₜ gₜ.</summary>
    public static double[] Direction(double[,] j, IReadOnlyList<double> w)
    {
        var d = new double[j.GetLength(1)];
        for (int t = 0; t < j.GetLength(0); t++)
        {
            for (int k = 0; k < d.Length; k++)
            {
                d[k] += w[t] * j[t, k];
            }
        }

        return d;
    }

    /// <summary>J d: the first-order change of each task's loss along −d is −(Jd)ₜ.</summary>
    public static double[] TaskProducts(double[,] j, IReadOnlyList<double> d)
    {
        var products = new double[j.GetLength(0)];
        for (int t = 0; t < products.Length; t++)
        {
            for (int k = 0; k < d.Count; k++)
            {
                products[t] += j[t, k] * d[k];
            }
        }

        return products;
    }

    /// <summary>A T×P Jacobian with standard normal entries (Box–Muller on a seeded generator).</summary>
    public static double[,] RandomJacobian(int seed, int tasks, int parameters = 10)
    {
        var random = new Random(seed);
        var j = new double[tasks, parameters];
        for (int t = 0; t < tasks; t++)
        {
            for (int k = 0; k < parameters; k++)
            {
                double u1 = 1 - random.NextDouble();
                double u2 = random.NextDouble();
                j[t, k] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        }

        return j;
    }

    /// <summary>The rows of J reordered: row t of the result is row permutation[t] of J.</summary>
    public static double[,] PermuteRows(double[,] j, int[] permutation)
    {
        var result = new double[j.GetLength(0), j.GetLength(1)];
        for (int t = 0; t < permutation.Length; t++)
        {
            for (int k = 0; k < j.GetLength(1); k++)
            {
                result[t, k] = j[permutation[t], k];
            }
        }

        return result;
    }

    /// <summary>s·M.</summary>
    public static double[,] Scale(double[,] m, double s)
    {
        var result = (double[,])m.Clone();
        for (int a = 0; a < m.GetLength(0); a++)
        {
            for (int b = 0; b < m.GetLength(1); b++)
            {
                result[a, b] *= s;
            }
        }

        return result;
    }

    /// <summary>A context for the Gramian with the given losses (default: all 1) and a generator seeded with <paramref name="seed"/>.</summary>
    /// <remarks>Without <paramref name="state"/>, each context gets a fresh state (a first call of a stateful method).</remarks>
    public static GradientWeightingContext Context(double[,] gramian, double[]? losses = null, int seed = 0, long step = 0, WeightingState? state = null) =>
        new()
        {
            Gramian = gramian,
            Losses = losses ?? Enumerable.Repeat(1.0, gramian.GetLength(0)).ToArray(),
            Epoch = 1,
            Step = step,
            Random = new Random(seed),
            State = state ?? FreshState(gramian.GetLength(0)),
        };

    /// <summary>A new, empty run state for <paramref name="tasks"/> tasks (no tensors, so nothing to dispose).</summary>
    public static WeightingState FreshState(int tasks) => new("test", LossWeightingTests.Setup(tasks));

    /// <summary>Runs the method on J's Gramian and returns its weights.</summary>
    public static double[] Weights(GradientWeighting method, double[,] j, double[]? losses = null, int seed = 0) =>
        method.Combine(Context(Gramian(j), losses, seed)).Weights;
}

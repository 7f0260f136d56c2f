namespace MultiTask.Weighting.Solvers;

/// <summary>Small dense helpers on a T×T Gramian G = J Jᵀ and on weight vectors, shared by the gradient methods.</summary>
internal static class GramianMath
{
    /// <summary>
    /// Reads the context's Gramian: checks that it is T×T with T the number of losses, finite, and returns a
    /// symmetrised copy ((G + Gᵀ)/2), so that rounding in the caller's accumulation cannot break the solvers.
    /// </summary>
    public static double[,] Read(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var g = context.Gramian ?? throw new ArgumentException("The context has no Gramian.", nameof(context));
        int n = context.TaskCount;
        if (n < 1 || g.GetLength(0) != n || g.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"The Gramian is {g.GetLength(0)}×{g.GetLength(1)} but there are {n} task losses.", nameof(context));
        }

        var copy = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double value = 0.5 * (g[i, j] + g[j, i]);
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"The Gramian has a non-finite entry at ({i}, {j}).", nameof(context));
                }

                copy[i, j] = value;
            }
        }

        return copy;
    }

    /// <summary>The sum of the diagonal: the squared Frobenius norm of J.</summary>
    public static double Trace(double[,] g)
    {
        double sum = 0;
        for (int i = 0; i < g.GetLength(0); i++)
        {
            sum += g[i, i];
        }

        return sum;
    }

    /// <summary>The Frobenius norm of G itself.</summary>
    public static double FrobeniusNorm(double[,] g)
    {
        double sum = 0;
        foreach (double value in g)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>G v.</summary>
    public static double[] Multiply(double[,] g, IReadOnlyList<double> v)
    {
        int n = g.GetLength(0);
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum += g[i, j] * v[j];
            }

            result[i] = sum;
        }

        return result;
    }

    /// <summary>uᵀ G v: the dot product of Jᵀu and Jᵀv.</summary>
    public static double Bilinear(IReadOnlyList<double> u, double[,] g, IReadOnlyList<double> v) => Dot(u, Multiply(g, v));

    /// <summary>‖Jᵀw‖ = √(wᵀGw), clamped at zero against rounding.</summary>
    public static double DirectionNorm(double[,] g, IReadOnlyList<double> w) => Math.Sqrt(Math.Max(0, Bilinear(w, g, w)));

    /// <summary>The dot product of two vectors.</summary>
    public static double Dot(IReadOnlyList<double> u, IReadOnlyList<double> v)
    {
        double sum = 0;
        for (int i = 0; i < u.Count; i++)
        {
            sum += u[i] * v[i];
        }

        return sum;
    }

    /// <summary>s·G as a new matrix.</summary>
    public static double[,] Scale(double[,] g, double s)
    {
        var result = (double[,])g.Clone();
        int n = g.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] *= s;
            }
        }

        return result;
    }

    /// <summary>G + ρI as a new matrix.</summary>
    public static double[,] AddRidge(double[,] g, double ridge)
    {
        var result = (double[,])g.Clone();
        for (int i = 0; i < g.GetLength(0); i++)
        {
            result[i, i] += ridge;
        }

        return result;
    }

    /// <summary>
    /// G / trace(G) (the Gramian of J/‖J‖_F), or the zero matrix when trace(G) &lt; <paramref name="eps"/>, as
    /// torchjd's <c>normalize</c>.
    /// </summary>
    public static double[,] NormaliseByTrace(double[,] g, double eps)
    {
        double trace = Trace(g);
        return trace < eps ? new double[g.GetLength(0), g.GetLength(1)] : Scale(g, 1 / trace);
    }

    /// <summary>The Gramian of the rows scaled by 1/nₜ: Gᵢⱼ/(nᵢnⱼ).</summary>
    public static double[,] ScaleRows(double[,] g, IReadOnlyList<double> inverseScales)
    {
        int n = g.GetLength(0);
        var result = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] = g[i, j] * inverseScales[i] * inverseScales[j];
            }
        }

        return result;
    }

    /// <summary>The gradient norms √Gₜₜ (zero for a non-positive diagonal entry).</summary>
    public static double[] Norms(double[,] g)
    {
        int n = g.GetLength(0);
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            norms[i] = Math.Sqrt(Math.Max(0, g[i, i]));
        }

        return norms;
    }

    /// <summary>A vector of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static double[] Filled(int count, double value)
    {
        var result = new double[count];
        Array.Fill(result, value);
        return result;
    }

    /// <summary>The largest absolute entry of a vector (0 when empty).</summary>
    public static double MaxAbs(IReadOnlyList<double> v)
    {
        double max = 0;
        for (int i = 0; i < v.Count; i++)
        {
            max = Math.Max(max, Math.Abs(v[i]));
        }

        return max;
    }
}

namespace MultiTask.Weighting.Solvers;

/// <summary>
/// Exact solver for the box-constrained quadratic program min ½xᵀQx + qᵀx subject to x ≥ lower, with Q symmetric
/// positive definite.
/// </summary>
/// <remarks>
/// <para>
/// The substitution y = x − lower gives a non-negative QP, min ½yᵀQy + cᵀy with c = q + Q·lower, y ≥ 0, solved by
/// the primal active-set method of Lawson and Hanson (Solving Least Squares Problems, 1974, ch. 23) with Q in place
/// of AᵀA. The passive (free) set grows by the variable with the most negative gradient; on each passive set the
/// unconstrained minimiser is found by a Cholesky solve, and when it leaves the feasible region the iterate moves to
/// the boundary and the blocking variables are released.
/// </para>
/// <para>
/// The objective decreases strictly between passive sets, so no set repeats and the method ends after finitely many
/// steps with the exact optimum (up to rounding in the Cholesky solves). The KKT conditions hold on exit:
/// x ≥ lower, ∇ = Qx + q ≥ −tol where x = lower and ∇ = 0 (to rounding) where x &gt; lower, with tol =
/// 1e-12·(‖c‖∞ + ‖Q‖max·‖y‖∞). Each step costs one k×k Cholesky factorisation, k ≤ T.
/// </para>
/// </remarks>
internal static class BoxQp
{
    private const double RelativeTolerance = 1e-12;

    /// <summary>Solves min ½xᵀQx + qᵀx s.t. x ≥ lower.</summary>
    /// <param name="quadratic">Q, n×n, symmetric positive definite.</param>
    /// <param name="linear">q, length n.</param>
    /// <param name="lower">The lower bounds, length n.</param>
    /// <returns>The minimiser x.</returns>
    public static double[] Solve(double[,] quadratic, IReadOnlyList<double> linear, IReadOnlyList<double> lower)
    {
        int n = linear.Count;
        var shift = GramianMath.Multiply(quadratic, lower);
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = linear[i] + shift[i];
        }

        var y = SolveNonNegative(quadratic, c);
        for (int i = 0; i < n; i++)
        {
            y[i] += lower[i];
        }

        return y;
    }

    /// <summary>Solves min ½yᵀQy + cᵀy s.t. y ≥ 0.</summary>
    public static double[] SolveNonNegative(double[,] quadratic, IReadOnlyList<double> c)
    {
        int n = c.Count;
        var y = new double[n];
        var passive = new bool[n];
        double qMax = quadratic.Cast<double>().Max(Math.Abs);
        double cMax = GramianMath.MaxAbs(c);
        int maxSteps = 10 * (n + 1) * (n + 1);

        for (int step = 0; step < maxSteps; step++)
        {
            var gradient = Gradient(quadratic, y, c);
            double tolerance = RelativeTolerance * (cMax + qMax * GramianMath.MaxAbs(y));
            int entering = -1;
            double mostNegative = -tolerance;
            for (int i = 0; i < n; i++)
            {
                if (!passive[i] && gradient[i] < mostNegative)
                {
                    mostNegative = gradient[i];
                    entering = i;
                }
            }

            if (entering < 0)
            {
                break;
            }

            passive[entering] = true;
            MinimiseOnPassiveSet(quadratic, c, y, passive);
            if (!passive[entering])
            {
                // The entering variable was released at once: only rounding made its gradient negative.
                break;
            }
        }

        return y;
    }

    /// <summary>
    /// Moves y to the minimiser over the passive set, releasing variables that would become negative (the inner loop
    /// of Lawson–Hanson). On return y is the unconstrained minimiser on the final passive set and is non-negative.
    /// </summary>
    private static void MinimiseOnPassiveSet(double[,] quadratic, IReadOnlyList<double> c, double[] y, bool[] passive)
    {
        int n = y.Length;
        while (true)
        {
            var z = SolveOnPassiveSet(quadratic, c, passive);
            double fraction = 1;
            int blocking = -1;
            for (int i = 0; i < n; i++)
            {
                if (passive[i] && z[i] <= 0)
                {
                    double ratio = y[i] <= 0 ? 0 : y[i] / (y[i] - z[i]);
                    if (ratio < fraction)
                    {
                        fraction = ratio;
                        blocking = i;
                    }
                }
            }

            if (blocking < 0)
            {
                Array.Copy(z, y, n);
                return;
            }

            for (int i = 0; i < n; i++)
            {
                y[i] = passive[i] ? y[i] + fraction * (z[i] - y[i]) : 0;
            }

            y[blocking] = 0;
            for (int i = 0; i < n; i++)
            {
                if (passive[i] && y[i] <= 0)
                {
                    passive[i] = false;
                    y[i] = 0;
                }
            }
        }
    }

    /// <summary>The minimiser of ½yᵀQy + cᵀy with the non-passive variables fixed at zero: Q_PP y_P = −c_P.</summary>
    private static double[] SolveOnPassiveSet(double[,] quadratic, IReadOnlyList<double> c, bool[] passive)
    {
        var indices = Enumerable.Range(0, passive.Length).Where(i => passive[i]).ToArray();
        var result = new double[passive.Length];
        int k = indices.Length;
        if (k == 0)
        {
            return result;
        }

        // Q_PP = LLᵀ (Cholesky–Banachiewicz, row by row), then L z = −c_P and Lᵀ y_P = z. Written out because the
        // blocks are at most T×T and a general matrix library costs more in set-up than the arithmetic here.
        var l = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = quadratic[indices[i], indices[j]];
                for (int m = 0; m < j; m++)
                {
                    sum -= l[i, m] * l[j, m];
                }

                if (i != j)
                {
                    l[i, j] = sum / l[j, j];
                }
                else if (sum > 0)
                {
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    throw new ArgumentException($"The quadratic term is not positive definite on the free variables (pivot {sum} at variable {indices[i]}).", nameof(quadratic));
                }
            }
        }

        var z = new double[k];
        for (int i = 0; i < k; i++)
        {
            double sum = -c[indices[i]];
            for (int m = 0; m < i; m++)
            {
                sum -= l[i, m] * z[m];
            }

            z[i] = sum / l[i, i];
        }

        for (int i = k - 1; i >= 0; i--)
        {
            double sum = z[i];
            for (int m = i + 1; m < k; m++)
            {
                sum -= l[m, i] * result[indices[m]];
            }

            result[indices[i]] = sum / l[i, i];
        }

        return result;
    }

    private static double[] Gradient(double[,] quadratic, IReadOnlyList<double> y, IReadOnlyList<double> c)
    {
        var gradient = GramianMath.Multiply(quadratic, y);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] += c[i];
        }

        return gradient;
    }
}

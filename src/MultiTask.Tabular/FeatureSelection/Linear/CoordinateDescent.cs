namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// Cyclic coordinate descent for the elastic net and the multi-task (L2,1) elastic net on centred, column-major data
/// (Friedman, Hastie &amp; Tibshirani 2010), with scikit-learn's stopping rule: after a sweep whose largest coefficient
/// change is below <c>tol</c> times the largest coefficient, the duality gap is computed and the descent stops when it
/// is below <c>tol · ‖y‖²</c>. This follows scikit-learn 1.2's <c>enet_coordinate_descent</c> and
/// <c>enet_coordinate_descent_multi_task</c> (sklearn/linear_model/_cd_fast.pyx) step by step, so the iterates are
/// the same up to floating-point summation order.
/// </summary>
internal static class CoordinateDescent
{
    internal readonly record struct Outcome(double Gap, double ScaledTolerance, int Iterations)
    {
        internal bool Converged => Gap < ScaledTolerance;
    }

    /// <summary>
    /// Minimises ½‖y − Xw‖² + alpha‖w‖₁ + (beta/2)‖w‖² from w = 0 (scikit-learn passes alpha = α·l1_ratio·n and
    /// beta = α·(1 − l1_ratio)·n). <paramref name="w"/> receives the solution.
    /// </summary>
    internal static Outcome ElasticNet(ColumnMatrix x, double[] y, double alpha, double beta, int maxIterations, double tolerance, double[] w)
    {
        int n = x.Rows, p = x.Columns;
        var norms = new double[p];
        for (int j = 0; j < p; j++)
        {
            norms[j] = DenseMath.SumOfSquares(x.Column(j));
        }

        var residual = (double[])y.Clone();
        Array.Clear(w);
        var xta = new double[p];
        double wTolerance = tolerance;
        double tol = tolerance * DenseMath.Dot(y, y);
        double gap = tol + 1;
        int iteration = 0;
        for (iteration = 0; iteration < maxIterations; iteration++)
        {
            double wMax = 0, dwMax = 0;
            for (int j = 0; j < p; j++)
            {
                if (norms[j] == 0)
                {
                    continue;
                }

                var column = x.Column(j);
                double old = w[j];
                if (old != 0)
                {
                    DenseMath.Axpy(old, column, residual);
                }

                double tmp = DenseMath.Dot(column, residual);
                double updated = Sign(tmp) * Max(Math.Abs(tmp) - alpha, 0) / (norms[j] + beta);
                w[j] = updated;
                if (updated != 0)
                {
                    DenseMath.Axpy(-updated, column, residual);
                }

                dwMax = Max(dwMax, Math.Abs(updated - old));
                wMax = Max(wMax, Math.Abs(updated));
            }

            if (wMax == 0 || dwMax / wMax < wTolerance || iteration == maxIterations - 1)
            {
                // The duality gap: scikit-learn's ultimate stopping criterion.
                double dualNorm = 0;
                for (int j = 0; j < p; j++)
                {
                    xta[j] = DenseMath.Dot(x.Column(j), residual) - (beta * w[j]);
                    dualNorm = j == 0 ? Math.Abs(xta[0]) : Max(dualNorm, Math.Abs(xta[j]));
                }

                double rNorm2 = DenseMath.Dot(residual, residual);
                double wNorm2 = DenseMath.Dot(w, w);
                double scale;
                if (dualNorm > alpha)
                {
                    scale = alpha / dualNorm;
                    gap = 0.5 * (rNorm2 + (rNorm2 * scale * scale));
                }
                else
                {
                    scale = 1.0;
                    gap = rNorm2;
                }

                gap += (alpha * DenseMath.SumOfAbs(w)) - (scale * DenseMath.Dot(residual, y)) + (0.5 * beta * (1 + (scale * scale)) * wNorm2);
                if (gap < tol)
                {
                    break;
                }
            }
        }

        return new Outcome(gap, tol, Math.Min(iteration, maxIterations - 1) + 1);
    }

    /// <summary>
    /// Minimises ½‖Y − XWᵀ‖²_F + l1‖W‖₂,₁ + (l2/2)‖W‖²_F from W = 0. <paramref name="y"/> and the residual are
    /// column-major [rows × tasks]; <paramref name="w"/> is [features × tasks] with each feature's task coefficients
    /// contiguous (scikit-learn's Fortran-ordered (tasks, features) array).
    /// </summary>
    internal static Outcome MultiTask(ColumnMatrix x, ColumnMatrix y, double l1, double l2, int maxIterations, double tolerance, double[] w)
    {
        int n = x.Rows, p = x.Columns, tasks = y.Columns;
        System.Diagnostics.Debug.Assert(y.IsContiguous, "The targets are read as one column-major block.");
        var norms = new double[p];
        for (int j = 0; j < p; j++)
        {
            norms[j] = DenseMath.SumOfSquares(x.Column(j));
        }

        var residual = new ColumnMatrix(n, tasks, (double[])y.Data.Clone());
        Array.Clear(w);
        var tmp = new double[tasks];
        var old = new double[tasks];
        var xta = new double[tasks];
        double wTolerance = tolerance;
        double yNorm = Norm2(y.Data);
        double tol = tolerance * yNorm * yNorm;
        double gap = tol + 1;
        int iteration;
        for (iteration = 0; iteration < maxIterations; iteration++)
        {
            double wMax = 0, dwMax = 0;
            for (int j = 0; j < p; j++)
            {
                if (norms[j] == 0)
                {
                    continue;
                }

                var column = x.Column(j);
                var wj = w.AsSpan(j * tasks, tasks);
                wj.CopyTo(old);
                for (int t = 0; t < tasks; t++)
                {
                    if (old[t] != 0)
                    {
                        DenseMath.Axpy(old[t], column, residual.Column(t));
                    }
                }

                for (int t = 0; t < tasks; t++)
                {
                    tmp[t] = DenseMath.Dot(column, residual.Column(t));
                }

                double nn = Norm2(tmp);
                double factor = Max(1.0 - (l1 / nn), 0) / (norms[j] + l2);
                for (int t = 0; t < tasks; t++)
                {
                    wj[t] = tmp[t] * factor;
                }

                for (int t = 0; t < tasks; t++)
                {
                    if (wj[t] != 0)
                    {
                        DenseMath.Axpy(-wj[t], column, residual.Column(t));
                    }
                }

                double dw = Math.Abs(wj[0] - old[0]);
                double wAbs = Math.Abs(wj[0]);
                for (int t = 1; t < tasks; t++)
                {
                    dw = Math.Max(dw, Math.Abs(wj[t] - old[t]));
                    wAbs = Math.Max(wAbs, Math.Abs(wj[t]));
                }

                if (dw > dwMax)
                {
                    dwMax = dw;
                }

                if (wAbs > wMax)
                {
                    wMax = wAbs;
                }
            }

            if (wMax == 0 || dwMax / wMax < wTolerance || iteration == maxIterations - 1)
            {
                double dualNorm = 0;
                for (int j = 0; j < p; j++)
                {
                    for (int t = 0; t < tasks; t++)
                    {
                        xta[t] = DenseMath.Dot(x.Column(j), residual.Column(t)) - (l2 * w[(j * tasks) + t]);
                    }

                    double rowNorm = Norm2(xta);
                    if (rowNorm > dualNorm)
                    {
                        dualNorm = rowNorm;
                    }
                }

                double rNorm = Norm2(residual.Data);
                double wNorm = Norm2(w);
                double scale;
                if (dualNorm > l1)
                {
                    scale = l1 / dualNorm;
                    double aNorm = rNorm * scale;
                    gap = 0.5 * ((rNorm * rNorm) + (aNorm * aNorm));
                }
                else
                {
                    scale = 1.0;
                    gap = rNorm * rNorm;
                }

                double ry = DenseMath.Dot(residual.Data, y.Data);
                double l21 = 0;
                for (int j = 0; j < p; j++)
                {
                    l21 += Norm2(w.AsSpan(j * tasks, tasks));
                }

                gap += (l1 * l21) - (scale * ry) + (0.5 * l2 * (1 + (scale * scale)) * (wNorm * wNorm));
                if (gap < tol)
                {
                    break;
                }
            }
        }

        return new Outcome(gap, tol, Math.Min(iteration, maxIterations - 1) + 1);
    }

    /// <summary>The Euclidean norm, scaled against overflow as BLAS dnrm2.</summary>
    internal static double Norm2(ReadOnlySpan<double> a)
    {
        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        if (scale == 0 || double.IsInfinity(scale))
        {
            return scale;
        }

        double sum = 0;
        foreach (double v in a)
        {
            double s = v / scale;
            sum += s * s;
        }

        return scale * Math.Sqrt(sum);
    }

    /// <summary>scikit-learn's fsign: 0 for 0, else ±1.</summary>
    private static double Sign(double f) => f == 0 ? 0 : f > 0 ? 1.0 : -1.0;

    /// <summary>scikit-learn's fmax: x when x &gt; y, else y (so a NaN x yields y).</summary>
    private static double Max(double x, double y) => x > y ? x : y;
}

using MathNet.Numerics.LinearAlgebra;

namespace MultiTask.Weighting.Solvers;

/// <summary>
/// Solves G w = w^(−1/α) elementwise for w &gt; 0 (α-fair weights: FairGrad; α = 1 is Nash-MTL's bargaining
/// condition (Gw)ₜ = 1/wₜ).
/// </summary>
/// <remarks>
/// <para>
/// The equation is the stationarity condition of the strictly convex f(w) = ½wᵀGw − Σₜ h(wₜ) with h′(w) = w^(−1/α)
/// (h = log w for α = 1, else h = w^(1−1/α)/(1−1/α)), which is minimised by damped Newton steps: the Newton
/// direction (G + diag(w^(−1/α−1)/α))Δ = −∇f, a step capped at 99% of the way to the boundary w = 0, and Armijo
/// backtracking on f (once the Newton decrement −∇fᵀΔ is below 1e-10 full steps are taken, as f then changes by
/// less than its rounding error). It stops when the decrement falls below 1e-24 (quadratic convergence makes the
/// last iterates exact to rounding), when a line search makes no progress, or after 200 steps.
/// </para>
/// <para>
/// G is scaled to unit Frobenius norm first; the solution of the scaled problem maps back by
/// w = w̃·s^(−α/(α+1)). A ridge of 1e-8 (on the scaled G) makes G positive definite so that a solution always
/// exists: for a Pareto-stationary G (some positive combination of the gradients is zero) the exact equation has
/// no solution, and the regularised weights grow to about 1e4 in the scaled units instead of diverging.
/// G = 0 has no solution at all; the caller handles it.
/// </para>
/// </remarks>
internal static class FairnessSolver
{
    private const double Ridge = 1e-8;
    private const int MaxSteps = 200;
    private const double DecrementTolerance = 1e-24;
    private const double PureNewtonDecrement = 1e-10;

    /// <summary>The solution w of G w = w^(−1/α); null when G = 0.</summary>
    /// <param name="g">The Gramian.</param>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="start">A starting point in the units of G (a previous solution), or null for the default.</param>
    public static double[]? Solve(double[,] g, double alpha, IReadOnlyList<double>? start = null)
    {
        int n = g.GetLength(0);
        double scale = GramianMath.FrobeniusNorm(g);
        if (!(scale > 0))
        {
            return null;
        }

        double back = Math.Pow(scale, -alpha / (alpha + 1));
        var h = GramianMath.AddRidge(GramianMath.Scale(g, 1 / scale), Ridge);
        var w = start is not null && start.All(x => x > 0 && double.IsFinite(x))
            ? start.Select(x => x / back).ToArray()
            : GramianMath.Filled(n, 1.0);

        var problem = new Objective(h, alpha);
        for (int step = 0; step < MaxSteps; step++)
        {
            var gradient = problem.Gradient(w);
            var direction = problem.NewtonDirection(w, gradient);
            double slope = GramianMath.Dot(gradient, direction);
            if (!(-slope > DecrementTolerance))
            {
                break;
            }

            var next = LineSearch(problem, w, direction, slope);
            if (ReferenceEquals(next, w))
            {
                break;
            }

            w = next;
        }

        return w.Select(x => x * back).ToArray();
    }

    private static double[] LineSearch(Objective problem, double[] w, double[] direction, double slope)
    {
        double t = 1;
        for (int i = 0; i < w.Length; i++)
        {
            if (direction[i] < 0)
            {
                t = Math.Min(t, -0.99 * w[i] / direction[i]);
            }
        }

        if (t == 1 && -slope < PureNewtonDecrement)
        {
            // Inside the region of quadratic convergence f changes by less than its rounding error; take the step.
            return w.Select((x, i) => x + direction[i]).ToArray();
        }

        double current = problem.Value(w);
        for (int halving = 0; halving < 60; halving++)
        {
            var candidate = w.Select((x, i) => x + t * direction[i]).ToArray();
            if (problem.Value(candidate) <= current + 1e-4 * t * slope)
            {
                return candidate;
            }

            t *= 0.5;
        }

        return w;
    }

    private sealed class Objective(double[,] h, double alpha)
    {
        public double Value(double[] w)
        {
            double barrier = 0;
            foreach (double x in w)
            {
                barrier += alpha == 1 ? Math.Log(x) : Math.Pow(x, 1 - 1 / alpha) / (1 - 1 / alpha);
            }

            return 0.5 * GramianMath.Bilinear(w, h, w) - barrier;
        }

        public double[] Gradient(double[] w)
        {
            var gradient = GramianMath.Multiply(h, w);
            for (int i = 0; i < w.Length; i++)
            {
                gradient[i] -= Math.Pow(w[i], -1 / alpha);
            }

            return gradient;
        }

        public double[] NewtonDirection(double[] w, double[] gradient)
        {
            int n = w.Length;
            var hessian = Matrix<double>.Build.Dense(
                n, n, (i, j) => h[i, j] + (i == j ? Math.Pow(w[i], -1 / alpha - 1) / alpha : 0));
            var rhs = Vector<double>.Build.Dense(n, i => -gradient[i]);
            return hessian.Cholesky().Solve(rhs).ToArray();
        }
    }
}

using MathNet.Numerics;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Upper-tail probabilities computed directly from the regularised incomplete beta and gamma functions (as SciPy's
/// cephes <c>fdtrc</c> and <c>chdtrc</c> do), so tiny p-values keep their relative accuracy instead of rounding
/// 1 − cdf to zero.
/// </summary>
internal static class Distributions
{
    /// <summary>P(F &gt; f) for Fisher's F with (d1, d2) degrees of freedom: I_{d2/(d2 + d1 f)}(d2/2, d1/2).</summary>
    public static double FSurvival(double f, double d1, double d2)
    {
        if (double.IsNaN(f) || f < 0)
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(f))
        {
            return 0.0;
        }

        if (f == 0)
        {
            return 1.0;
        }

        double w = d2 / (d2 + (d1 * f));
        return SpecialFunctions.BetaRegularized(0.5 * d2, 0.5 * d1, w);
    }

    /// <summary>P(X &gt; x) for chi-squared with df degrees of freedom: Q(df/2, x/2).</summary>
    public static double ChiSquaredSurvival(double x, double df)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        if (x == 0)
        {
            return 1.0;
        }

        return SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * x);
    }
}

using System.Text.Json.Nodes;
using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// GradVac (gradient vaccine): like PCGrad, but each pair of tasks is steered towards an adaptive target cosine
/// similarity, an exponential moving average of the observed cosines, instead of towards orthogonality.
/// </summary>
/// <remarks>
/// <para>
/// Wang, Tsvetkov, Firat and Cao, "Gradient Vaccine: Investigating and Improving Multi-task Optimization in
/// Massively Multilingual Models", ICLR 2021.
/// </para>
/// <para>
/// Gramian form (as torchjd; the whole model is one parameter group, LibMTL's <c>GradVac_group_type=0</c>):
/// g_i^pc = Σₖ cᵢₖgₖ starts at cᵢ = eᵢ, and for each j ≠ i in a random order (from
/// <see cref="GradientWeightingContext.Random"/>) φ = cos(g_i^pc, gⱼ) = (cᵢG)ⱼ/(‖g_i^pc‖‖gⱼ‖ + ε); if φ &lt; φ̂ᵢⱼ,
/// cᵢⱼ += ‖g_i^pc‖(φ̂ᵢⱼ√(1−φ²) − φ√(1−φ̂ᵢⱼ²))/(‖gⱼ‖√(1−φ̂ᵢⱼ²) + ε), which sets the cosine to φ̂ᵢⱼ; then
/// φ̂ᵢⱼ ← (1−β)φ̂ᵢⱼ + βφ. The weights are Σᵢcᵢ (d = Σᵢ g_i^pc). The EMA is updated for every pair, as in the paper
/// and torchjd; LibMTL updates it only when a correction is made, so its φ̂ can only decrease.
/// </para>
/// <para>
/// State: the targets φ̂ (T×T, starting at 0, so the first call equals PCGrad), saved by <see cref="SaveState"/>.
/// G = 0 gives weights 1 and leaves φ̂ at (1−β)φ̂. Not linear under scaling in general (φ̂ depends on the history),
/// and ε makes tiny gradients behave slightly differently from large ones.
/// </para>
/// </remarks>
public sealed class GradVac : GradientWeighting
{
    private double[,]? _targets;

    /// <summary>Creates the method.</summary>
    /// <param name="beta">The EMA rate of the target cosines (LibMTL's <c>GradVac_beta</c>). Default 0.5; must be in [0, 1].</param>
    /// <param name="eps">Added to the denominators, as LibMTL and torchjd. Default 1e-8; must be finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public GradVac(double beta = 0.5, double eps = 1e-8)
    {
        if (!(beta >= 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in [0, 1].");
        }

        if (!(eps >= 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be a finite non-negative number.");
        }

        Beta = beta;
        Eps = eps;
    }

    /// <inheritdoc />
    public override string Name => "GradVac";

    /// <summary>The EMA rate of the target cosines.</summary>
    public double Beta { get; }

    /// <summary>The constant added to the denominators.</summary>
    public double Eps { get; }

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        _targets ??= new double[n, n];
        if (_targets.GetLength(0) != n)
        {
            throw new InvalidOperationException($"The state has {_targets.GetLength(0)} tasks but the context has {n}.");
        }

        var norms = GramianMath.Norms(g);
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = new double[n];
            c[i] = 1;
            foreach (int j in TaskOrder.ShuffledOthers(n, i, context.Random))
            {
                Vaccinate(g, norms, c, i, j);
            }

            for (int k = 0; k < n; k++)
            {
                weights[k] += c[k];
            }
        }

        return new GradientCombination(weights);
    }

    /// <summary>Starts the target cosines at zero for the run's tasks (unless state was already loaded).</summary>
    /// <param name="setup">The task count, device and seed.</param>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _targets ??= new double[setup.TaskCount, setup.TaskCount];
    }

    /// <inheritdoc />
    public override JsonObject? SaveState() =>
        _targets is null ? null : new JsonObject { ["targets"] = StateJson.FromMatrix(_targets) };

    /// <inheritdoc />
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _targets = StateJson.GetSquareMatrix(state, "targets");
    }

    private void Vaccinate(double[,] g, double[] norms, double[] c, int i, int j)
    {
        var cg = GramianMath.Multiply(g, c);
        double normI = Math.Sqrt(Math.Max(0, GramianMath.Dot(c, cg)));
        double phi = cg[j] / ((normI * norms[j]) + Eps);
        double target = _targets![i, j];
        if (phi < target)
        {
            double sinPhi = Math.Sqrt(Math.Max(0, 1 - (phi * phi)));
            double sinTarget = Math.Sqrt(Math.Max(0, 1 - (target * target)));
            c[j] += normI * ((target * sinPhi) - (phi * sinTarget)) / ((norms[j] * sinTarget) + Eps);
        }

        _targets[i, j] = ((1 - Beta) * target) + (Beta * phi);
    }
}

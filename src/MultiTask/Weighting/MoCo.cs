using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// MoCo: a tracking variable Y (T×P, starting at 0) follows the loss-scaled unit gradients ĝₜ = gₜ/(‖gₜ‖ + 1e-8)·Lₜ,
/// Y ← Y − βₖ(Y − Ĝ), and the task weights λ (starting at 1/T) take one step λ ← softmax(λ − γₖ(YYᵀ + ρI)λ);
/// the update direction is d = Yᵀλ. Step k counts the calls from 1, with βₖ = β/k^σβ and γₖ = γ/k^σγ.
/// The reported weights are λ. Heads receive their own task's unweighted gradient.
/// </summary>
/// <remarks>
/// Fernando, Shen, Liu, Chaudhury, Murugesan and Chen, "Mitigating Gradient Bias in Multi-objective Learning: A Provably
/// Convergent Approach", ICLR 2023. Follows LibMTL (<c>LibMTL/weighting/MoCo.py</c>): the softmax replaces the paper's
/// projection onto the simplex, and the defaults are LibMTL's. Like LibMTL, MoCo needs the gradients of the shared
/// parameters: Y has one column per shared parameter, so it does not support representation gradients (whose width
/// changes with the batch size).
/// </remarks>
public sealed class MoCo : GradientWeighting
{
    private const double NormEpsilon = 1e-8;
    private Device _device = CPU;
    private Tensor? _y;
    private double[] _lambda = [];
    private long _steps;

    /// <summary>Creates the method.</summary>
    /// <param name="beta">The step size β of the tracking variable Y. Range: (0, 1]. Default: 0.5.</param>
    /// <param name="betaSigma">The decay exponent σβ of βₖ = β/k^σβ. Range: ≥ 0. Default: 0.5.</param>
    /// <param name="gamma">The step size γ of the weights λ. Range: &gt; 0. Default: 0.1.</param>
    /// <param name="gammaSigma">The decay exponent σγ of γₖ = γ/k^σγ. Range: ≥ 0. Default: 0.5.</param>
    /// <param name="rho">The ℓ2 regularisation ρ of the λ update. Range: ≥ 0. Default: 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range or not finite.</exception>
    public MoCo(double beta = 0.5, double betaSigma = 0.5, double gamma = 0.1, double gammaSigma = 0.5, double rho = 0.0)
    {
        if (!(beta > 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in (0, 1].");
        }

        if (!(betaSigma >= 0 && double.IsFinite(betaSigma)))
        {
            throw new ArgumentOutOfRangeException(nameof(betaSigma), betaSigma, "σβ must be ≥ 0.");
        }

        if (!(gamma > 0 && double.IsFinite(gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be > 0.");
        }

        if (!(gammaSigma >= 0 && double.IsFinite(gammaSigma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gammaSigma), gammaSigma, "σγ must be ≥ 0.");
        }

        if (!(rho >= 0 && double.IsFinite(rho)))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ must be ≥ 0.");
        }

        Beta = beta;
        BetaSigma = betaSigma;
        Gamma = gamma;
        GammaSigma = gammaSigma;
        Rho = rho;
    }

    /// <summary>The step size β of the tracking variable.</summary>
    public double Beta { get; }

    /// <summary>The decay exponent σβ of β.</summary>
    public double BetaSigma { get; }

    /// <summary>The step size γ of the weights.</summary>
    public double Gamma { get; }

    /// <summary>The decay exponent σγ of γ.</summary>
    public double GammaSigma { get; }

    /// <summary>The ℓ2 regularisation ρ of the weight update.</summary>
    public double Rho { get; }

    /// <summary>The current weights λ, in task order (empty before initialisation).</summary>
    public IReadOnlyList<double> Lambda => _lambda;

    /// <inheritdoc/>
    public override string Name => "MoCo";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _device = setup.Device;
        _y?.Dispose();
        _y = null;
        _lambda = Enumerable.Repeat(1.0 / setup.TaskCount, setup.TaskCount).ToArray();
        _steps = 0;
    }

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("MoCo needs the per-task gradients (context.Jacobian).");
        int n = context.TaskCount;
        if (_lambda.Length != n)
        {
            throw new InvalidOperationException("MoCo is used before the trainer initialised it.");
        }

        if (_y is null)
        {
            _y = torch.zeros_like(jacobian).DetachFromDisposeScope();
        }

        MethodState.CheckWidth(_y, jacobian, Name);
        var scales = Enumerable.Range(0, n).Select(t => context.Losses[t] / (Math.Sqrt(Math.Max(0, context.Gramian[t, t])) + NormEpsilon)).ToArray();
        var normalised = jacobian.mul(torch.tensor(scales, dtype: ScalarType.Float64, device: jacobian.device).to(jacobian.dtype).unsqueeze(1));

        _steps++;
        double betaK = Beta / Math.Pow(_steps, BetaSigma);
        double gammaK = Gamma / Math.Pow(_steps, GammaSigma);
        var y = _y.sub(_y.sub(normalised).mul(betaK)).DetachFromDisposeScope();
        _y.Dispose();
        _y = y;

        var y64 = y.to(ScalarType.Float64);
        var yyT = y64.matmul(y64.t()).cpu().data<double>().ToArray();
        var step = new double[n];
        for (int t = 0; t < n; t++)
        {
            double product = Rho * _lambda[t];
            for (int j = 0; j < n; j++)
            {
                product += yyT[(t * n) + j] * _lambda[j];
            }

            step[t] = _lambda[t] - (gammaK * product);
        }

        _lambda = WeightMath.Softmax(step);
        var direction = torch.tensor(_lambda, dtype: ScalarType.Float64, device: y.device).to(y.dtype).matmul(y);
        return new GradientCombination((double[])_lambda.Clone(), direction);
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => new()
    {
        ["steps"] = _steps,
        ["lambda"] = MethodState.FromDoubles(_lambda),
        ["y"] = _y is null ? null : MethodState.FromTensor(_y),
    };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_lambda.Length == 0)
        {
            throw new InvalidOperationException("MoCo state is loaded before the trainer initialised it.");
        }

        var lambda = MethodState.ToDoubles(state, "lambda", _lambda.Length, Name);
        long steps = MethodState.ToCount(state, "steps", Name);
        var y = MethodState.ToTensor(state, "y", _lambda.Length, _device, Name);
        _y?.Dispose();
        _y = y;
        _lambda = lambda;
        _steps = steps;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _y?.Dispose();
        _y = null;
    }
}

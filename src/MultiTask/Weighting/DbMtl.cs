using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// DB-MTL (dual balancing): the loss scale is balanced by taking the gradients of log(Lₜ + 1e-8), i.e.
/// gₜ/(Lₜ + 1e-8); the gradient scale is balanced by keeping an exponential moving average ĝₜ of them and scaling each
/// to the largest norm: ĝ ← g + βₖ(ĝ − g) with βₖ = β/k^σβ (step k counted from 1), αₜ = maxⱼ‖ĝⱼ‖/(‖ĝₜ‖ + 1e-8),
/// and d = Σₜ αₜĝₜ. Heads follow ∇log Lₜ (head scales 1/(Lₜ + 1e-8)). The reported weights are α.
/// </summary>
/// <remarks>
/// Lin, Jiang, Ye, Zhang, Chen, Chen, Liu and Kwok, "Dual-Balancing for Multi-Task Learning", arXiv 2308.12029, 2023.
/// Follows LibMTL (<c>LibMTL/weighting/DB_MTL.py</c>): the moving average starts at 0 and is not bias-corrected (the
/// first step's ĝ is (1 − β)g), and the defaults are LibMTL's. LibMTL reports weights of 1; this class reports the
/// scales α applied to the averaged gradients. Like LibMTL, DB-MTL needs the gradients of the shared parameters: the
/// average has one column per shared parameter, so it does not support representation gradients (whose width changes
/// with the batch size).
/// </remarks>
public sealed class DbMtl : GradientWeighting
{
    private const double LogEpsilon = 1e-8;
    private const double NormEpsilon = 1e-8;
    private Device _device = CPU;
    private Tensor? _average;
    private int _taskCount;
    private long _steps;

    /// <summary>Creates the method.</summary>
    /// <param name="beta">The moving-average rate β (the weight of the previous average). Range: [0, 1). Default: 0.9.</param>
    /// <param name="betaSigma">The decay exponent σβ of βₖ = β/k^σβ. Range: ≥ 0. Default: 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range or not finite.</exception>
    public DbMtl(double beta = 0.9, double betaSigma = 0.0)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");
        }

        if (!(betaSigma >= 0 && double.IsFinite(betaSigma)))
        {
            throw new ArgumentOutOfRangeException(nameof(betaSigma), betaSigma, "σβ must be ≥ 0.");
        }

        Beta = beta;
        BetaSigma = betaSigma;
    }

    /// <summary>The moving-average rate β.</summary>
    public double Beta { get; }

    /// <summary>The decay exponent σβ of β.</summary>
    public double BetaSigma { get; }

    /// <inheritdoc/>
    public override string Name => "DB-MTL";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _device = setup.Device;
        _average?.Dispose();
        _average = null;
        _taskCount = setup.TaskCount;
        _steps = 0;
    }

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("DB-MTL needs the per-task gradients (context.Jacobian).");
        int n = context.TaskCount;
        if (_taskCount != n)
        {
            throw new InvalidOperationException("DB-MTL is used before the trainer initialised it.");
        }

        if (_average is null)
        {
            _average = torch.zeros_like(jacobian).DetachFromDisposeScope();
        }

        MethodState.CheckWidth(_average, jacobian, Name);
        var headScales = context.Losses.Select(l => 1.0 / (l + LogEpsilon)).ToArray();
        var logGradients = jacobian.mul(torch.tensor(headScales, dtype: ScalarType.Float64, device: jacobian.device).to(jacobian.dtype).unsqueeze(1));

        _steps++;
        double betaK = Beta / Math.Pow(_steps, BetaSigma);
        var average = logGradients.add(_average.sub(logGradients).mul(betaK)).DetachFromDisposeScope();
        _average.Dispose();
        _average = average;

        var norms = average.to(ScalarType.Float64).square().sum(dim: 1).sqrt().cpu().data<double>().ToArray();
        double largest = norms.Max();
        var alpha = norms.Select(u => largest / (u + NormEpsilon)).ToArray();
        var direction = torch.tensor(alpha, dtype: ScalarType.Float64, device: average.device).to(average.dtype).matmul(average);
        return new GradientCombination(alpha, direction) { HeadScales = headScales };
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => new()
    {
        ["steps"] = _steps,
        ["average"] = _average is null ? null : MethodState.FromTensor(_average),
    };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_taskCount == 0)
        {
            throw new InvalidOperationException("DB-MTL state is loaded before the trainer initialised it.");
        }

        long steps = MethodState.ToCount(state, "steps", Name);
        var average = MethodState.ToTensor(state, "average", _taskCount, _device, Name);
        _average?.Dispose();
        _average = average;
        _steps = steps;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _average?.Dispose();
        _average = null;
    }
}

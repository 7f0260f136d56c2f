using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// ExcessMTL: each task's excess risk is estimated with AdaGrad statistics, Hₜ += gₜ² (element-wise, from 0) and
/// eₜ = gₜᵀ diag(1/√(Hₜ + 1e-7)) gₜ. The first call records e⁰ and keeps the weights w at 1; afterwards
/// wₜ ← wₜ·exp(η·eₜ/e⁰ₜ), renormalised so that Σw = T, and d = Σₜ wₜgₜ with the updated weights. Each head receives
/// wₜ∇Lₜ (head scales w), as LibMTL's backward of Σ wₜLₜ gives.
/// </summary>
/// <remarks>
/// He, Zhou, Zhang, Yun, Xu, Zeng, Chilimbi and Zhao, "Robust Multi-Task Learning with Excess Risks", ICML 2024.
/// Follows LibMTL (<c>LibMTL/weighting/ExcessMTL.py</c>), including its default step size. With representation
/// gradients the statistics use the per-sample gradients summed over the batch ([T, H], LibMTL's <c>_get_grads</c>),
/// so their width does not change with the batch size, and the trunk receives Σₜ wₜ∇_z Lₜ. (LibMTL lists
/// representation gradients as supported, but there its per-sample gradients are only filled in "backward" mode while
/// ExcessMTL asks for "autograd", and its backward of Σ wₜLₜ stops at the detached representation.) A task whose first excess risk is
/// 0 (no gradient, e.g. no labels in the batch), where LibMTL would divide by zero, takes its first positive excess risk
/// as e⁰ instead, and its ratio counts as 0 until then.
/// </remarks>
public sealed class ExcessMtl : GradientWeighting
{
    private const double AdaGradEpsilon = 1e-7;
    private Device _device = CPU;
    private Tensor? _squares;
    private double[] _weights = [];
    private double[]? _initialRisks;

    /// <summary>Creates the method.</summary>
    /// <param name="robustStepSize">The step size η of the multiplicative weight update. Range: &gt; 0. Default: 1e-2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="robustStepSize"/> is not a finite number &gt; 0.</exception>
    public ExcessMtl(double robustStepSize = 1e-2)
    {
        if (!(robustStepSize > 0 && double.IsFinite(robustStepSize)))
        {
            throw new ArgumentOutOfRangeException(nameof(robustStepSize), robustStepSize, "The robust step size η must be > 0.");
        }

        RobustStepSize = robustStepSize;
    }

    /// <summary>The step size η of the multiplicative weight update.</summary>
    public double RobustStepSize { get; }

    /// <summary>The current task weights w, in task order (empty before initialisation).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc/>
    public override string Name => "ExcessMTL";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _device = setup.Device;
        _squares?.Dispose();
        _squares = null;
        _weights = Enumerable.Repeat(1.0, setup.TaskCount).ToArray();
        _initialRisks = null;
    }

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("ExcessMTL needs the per-task gradients (context.Jacobian).");
        int n = context.TaskCount;
        if (_weights.Length != n)
        {
            throw new InvalidOperationException("ExcessMTL is used before the trainer initialised it.");
        }

        var gradients = context.Representation is null ? jacobian : BatchSum(jacobian, context.RepresentationShape);
        if (_squares is null)
        {
            _squares = torch.zeros_like(gradients).DetachFromDisposeScope();
        }

        MethodState.CheckWidth(_squares, gradients, Name);
        var squares = _squares.add(gradients.square()).DetachFromDisposeScope();
        _squares.Dispose();
        _squares = squares;
        var risks = gradients.square().div(squares.add(AdaGradEpsilon).sqrt()).sum(dim: 1).to(ScalarType.Float64).cpu().data<double>().ToArray();

        if (_initialRisks is null)
        {
            _initialRisks = risks;
        }
        else
        {
            var weights = new double[n];
            for (int t = 0; t < n; t++)
            {
                if (!(_initialRisks[t] > 0) && risks[t] > 0)
                {
                    _initialRisks[t] = risks[t];
                }

                double ratio = _initialRisks[t] > 0 ? risks[t] / _initialRisks[t] : 0;
                weights[t] = _weights[t] * Math.Exp(RobustStepSize * ratio);
            }

            double sum = weights.Sum();
            _weights = weights.Select(w => w / sum * n).ToArray();
        }

        return new GradientCombination((double[])_weights.Clone()) { HeadScales = (double[])_weights.Clone() };
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => new()
    {
        ["weights"] = MethodState.FromDoubles(_weights),
        ["initialRisks"] = _initialRisks is null ? null : MethodState.FromDoubles(_initialRisks),
        ["squares"] = _squares is null ? null : MethodState.FromTensor(_squares),
    };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int n = _weights.Length;
        if (n == 0)
        {
            throw new InvalidOperationException("ExcessMTL state is loaded before the trainer initialised it.");
        }

        var weights = MethodState.ToDoubles(state, "weights", n, Name);
        var initialRisks = state["initialRisks"] is null ? null : MethodState.ToDoubles(state, "initialRisks", n, Name);
        var squares = MethodState.ToTensor(state, "squares", n, _device, Name);
        _squares?.Dispose();
        _squares = squares;
        _weights = weights;
        _initialRisks = initialRisks;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _squares?.Dispose();
        _squares = null;
    }

    /// <summary>Per-sample representation gradients [T, B·H] summed over the batch: [T, H].</summary>
    private static Tensor BatchSum(Tensor jacobian, IReadOnlyList<long>? shape)
    {
        long batch = shape is { Count: > 0 } ? shape[0] : 1;
        return jacobian.view(jacobian.shape[0], batch, -1).sum(dim: 1);
    }
}

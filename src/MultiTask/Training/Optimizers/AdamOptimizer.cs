using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019) exactly as PyTorch's single-tensor implementation
/// (and TorchSharp's) computes them, with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. For parameter p with gradient g at step t:
/// Adam adds L2 decay to the gradient, g ← g + wd·p; AdamW decays the weights, p ← p·(1 − lr·wd). Then
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², and p ← p − (lr / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε).
/// </summary>
internal sealed class AdamOptimizer : ParameterOptimizer
{
    /// <summary>PyTorch's default β₁.</summary>
    internal const double Beta1 = 0.9;

    /// <summary>PyTorch's default β₂.</summary>
    internal const double Beta2 = 0.999;

    /// <summary>PyTorch's default ε.</summary>
    internal const double Epsilon = 1e-8;

    private const int Mean = 0;
    private const int Square = 1;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly Scalar _weightDecayScalar;

    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="weightDecay">wd: L2 (Adam) or decoupled (AdamW).</param>
    /// <param name="decoupled">True for AdamW.</param>
    internal AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay, bool decoupled)
        : base(parameters, slots: 2, presentFromStart: true, learningRate)
    {
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _weightDecayScalar = weightDecay.ToScalar();
    }

    /// <inheritdoc/>
    internal override string Kind => _decoupled ? "AdamW" : "Adam";

    /// <inheritdoc/>
    protected override void Apply(Tensor parameter, Tensor grad, Tensor[] state, bool[] initialised, long step)
    {
        if (_weightDecay != 0)
        {
            if (_decoupled)
            {
                using var decayFactor = (1 - (LearningRate * _weightDecay)).ToScalar();
                parameter.mul_(decayFactor);
            }
            else
            {
                grad = grad.add(parameter, alpha: _weightDecayScalar);
            }
        }

        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        var mean = state[Mean];
        var square = state[Square];
        mean.mul_(_beta1).add_(grad, alpha: _oneMinusBeta1);
        square.mul_(_beta2).addcmul_(grad, grad, value: _oneMinusBeta2);
        using var root = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-(LearningRate / biasCorrection1)).ToScalar();
        var denominator = square.sqrt().div_(root).add_(_epsilon, alpha: _one);
        parameter.addcdiv_(mean, denominator, value: stepSize);
    }

    /// <inheritdoc/>
    protected override void DisposeScalars()
    {
        foreach (var s in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _one, _weightDecayScalar })
        {
            s.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override OptimizerHelper CreateTorchSharp() => _decoupled
        ? new AdamW(Parameters, LearningRate, Beta1, Beta2, Epsilon, _weightDecay)
        : new Adam(Parameters, LearningRate, Beta1, Beta2, Epsilon, _weightDecay);

    /// <inheritdoc/>
    protected override (long[] Steps, Tensor?[][] Buffers) FromTorchSharp(IReadOnlyList<OptimizerState> states)
    {
        var steps = new long[states.Count];
        var buffers = new[] { new Tensor?[states.Count], new Tensor?[states.Count] };
        for (int i = 0; i < states.Count; i++)
        {
            (steps[i], var mean, var square) = states[i] switch
            {
                Adam.State a => (a.step, a.exp_avg, a.exp_avg_sq),
                AdamW.State w => (w.step, w.exp_avg, w.exp_avg_sq),
                var other => throw new FormatException($"unexpected TorchSharp state {other.GetType().Name}."),
            };
            buffers[Mean][i] = Copy(mean);
            buffers[Square][i] = Copy(square);
        }

        return (steps, buffers);
    }
}
